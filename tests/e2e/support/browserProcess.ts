/**
 * Runs `scripts/browser.ts` (what `npm run browser` runs) as a real child
 * process, so a test can kill it like a crash would, and start it again.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../../..')

export interface BrowserProcess {
  url: string
  child: ChildProcess
  kill(signal?: NodeJS.Signals): Promise<void>
}

export async function startBrowserProcess(env: Record<string, string>): Promise<BrowserProcess> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild that a SIGKILL would orphan.
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', '--import', 'tsx', join(root, 'scripts/browser.ts')],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Open: (http:\/\/[0-9a-f]+\.atelier\.localhost:\d+\/\?token=\S+)/.exec(output)
      if (match) resolveUrl(match[1]!)
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`browser mode exited early (${code}): ${output}`)))
  })
  return {
    url,
    child,
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done()
        child.once('exit', () => done())
        child.kill(signal)
      }),
  }
}
