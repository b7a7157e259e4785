/**
 * Styles: named text snippets added to a prompt. A style whose text holds the
 * `{prompt}` placeholder wraps the prompt (the placeholder is replaced by it);
 * any other style is appended. `composePrompt` is the ONE rule for the final
 * prompt: the studio's preview and the core (when it creates a generation)
 * both call it, so what the user sees is what is sent.
 */
import { z } from 'zod'
import { PROMPT_MAX_LENGTH } from './domain'

export const STYLE_PLACEHOLDER = '{prompt}'
export const STYLE_NAME_MAX_LENGTH = 60
/** A style's own text; the final prompt still has to fit PROMPT_MAX_LENGTH. */
export const STYLE_TEXT_MAX_LENGTH = 2000
/** How many styles a library keeps (a picker, not a database). */
export const STYLES_MAX = 200
/** How many styles one prompt may carry at once. */
export const APPLIED_STYLES_MAX = 12

export const StyleName = z
  .string()
  .trim()
  .min(1, 'Give the style a name.')
  .max(STYLE_NAME_MAX_LENGTH, `Style names can be at most ${STYLE_NAME_MAX_LENGTH} characters.`)
  .refine((name) => !/[\n\r\t]/.test(name), 'A style name is one line.')

export const StyleText = z
  .string()
  .trim()
  .min(1, 'A style needs some text.')
  .max(STYLE_TEXT_MAX_LENGTH, `A style's text can be at most ${STYLE_TEXT_MAX_LENGTH} characters.`)

export const Style = z.object({
  id: z.string(),
  name: z.string(),
  text: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type Style = z.infer<typeof Style>

export type StyleMode = 'append' | 'wrap'

/** Whether a style wraps the prompt (its text holds `{prompt}`) or is appended to it. */
export function styleMode(text: string): StyleMode {
  return text.includes(STYLE_PLACEHOLDER) ? 'wrap' : 'append'
}

/** Appended text follows a comma, unless the prompt already ends a clause. */
function append(prompt: string, addition: string): string {
  if (prompt === '') return addition
  return /[,.;:!?]$/.test(prompt) ? `${prompt} ${addition}` : `${prompt}, ${addition}`
}

/**
 * The final prompt: `text` (trimmed, as the contract trims it) with each style
 * applied in order — a wrapping style puts everything so far where its
 * `{prompt}` is, an appended one adds its text after it. Order matters:
 * [wrap, append] appends outside the wrapper, [append, wrap] wraps both.
 */
export function composePrompt(text: string, styles: ReadonlyArray<Pick<Style, 'text'>>): string {
  let prompt = text.trim()
  for (const style of styles) {
    const styleText = style.text.trim()
    prompt =
      styleMode(styleText) === 'wrap'
        ? styleText.split(STYLE_PLACEHOLDER).join(prompt).trim()
        : append(prompt, styleText)
  }
  return prompt
}

/** How many characters a final prompt is over the limit (0 when it fits). */
export function promptOverBy(finalPrompt: string): number {
  return Math.max(0, finalPrompt.length - PROMPT_MAX_LENGTH)
}

/** The studio's sentence for an over-long prompt; the core refuses with the same words. */
export function promptTooLongMessage(over: number): string {
  return `The prompt is ${over} character${over === 1 ? '' : 's'} over the ${PROMPT_MAX_LENGTH} limit.`
}

/** The styles among `ids` that exist, in the order of `ids` (a deleted style simply drops out). */
export function resolveStyles<S extends Pick<Style, 'id'>>(ids: readonly string[], styles: readonly S[]): S[] {
  const byId = new Map(styles.map((style) => [style.id, style]))
  return ids.flatMap((id) => {
    const style = byId.get(id)
    return style ? [style] : []
  })
}
