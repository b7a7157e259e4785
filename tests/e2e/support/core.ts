/**
 * Asks the core what it holds, through the page's own transport (the same
 * `window.atelier` the UI uses), with the reply checked against the contract.
 */
import type { Page } from '@playwright/test'
import { commands, type CommandInput, type CommandName, type CommandOutput } from '../../../shared/contract'
import { ResultEnvelope } from '../../../shared/result'

export async function invoke<N extends CommandName>(
  page: Page,
  name: N,
  input: CommandInput<N>,
): Promise<CommandOutput<N>> {
  const raw = await page.evaluate(
    ([command, payload]) =>
      (window as unknown as { atelier: { request(name: string, input: unknown): Promise<unknown> } }).atelier.request(
        command,
        payload,
      ),
    [name, input] as const,
  )
  const reply = ResultEnvelope.parse(raw)
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code} ${reply.error.message}`)
  return commands[name].output.parse(reply.data) as CommandOutput<N>
}
