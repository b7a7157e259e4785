/**
 * A batch: many prompts sent at once, each × variations. The studio reads a
 * pasted or opened list here — one prompt per line, or CSV with a `prompt`
 * column (and optionally `ratio`) — and says what it refused, line by line,
 * before anything is quoted or sent. Empty lines are skipped.
 */
import Papa from 'papaparse'
import { ASPECT_RATIOS, AspectRatio, MAX_VARIATIONS, PROMPT_MAX_LENGTH } from './domain'

/** At most this many tasks (prompts × variations) in one batch. */
export const MAX_BATCH_TASKS = 200

export interface BatchItem {
  /** Where it came from (1-based), for messages. */
  line: number
  prompt: string
  aspectRatio: AspectRatio
}

export interface BatchLineError {
  line: number
  message: string
}

export interface ParsedBatch {
  format: 'lines' | 'csv'
  items: BatchItem[]
  errors: BatchLineError[]
}

const RATIO_LIST = ASPECT_RATIOS.join(', ')

function checkPrompt(prompt: string, line: number, errors: BatchLineError[]): boolean {
  if (prompt.length > PROMPT_MAX_LENGTH) {
    errors.push({
      line,
      message: `Line ${line}: the prompt is ${prompt.length} characters; at most ${PROMPT_MAX_LENGTH}.`,
    })
    return false
  }
  return true
}

function headerCells(text: string): string[] | null {
  const first = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '')
  if (first === undefined) return null
  const parsed = Papa.parse<string[]>(first, { header: false })
  const cells = (parsed.data[0] ?? []).map((cell) => cell.trim().toLowerCase())
  return cells.includes('prompt') ? cells : null
}

function parseLines(text: string, defaultRatio: AspectRatio): ParsedBatch {
  const items: BatchItem[] = []
  const errors: BatchLineError[] = []
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const prompt = raw.trim()
    const line = index + 1
    if (prompt === '') return
    if (checkPrompt(prompt, line, errors)) items.push({ line, prompt, aspectRatio: defaultRatio })
  })
  return { format: 'lines', items, errors }
}

/** The 1-based line on which the character at `offset` sits. */
function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i += 1) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line += 1
  }
  return line
}

function parseCsv(text: string, header: string[], defaultRatio: AspectRatio): ParsedBatch {
  const items: BatchItem[] = []
  const errors: BatchLineError[] = []
  const promptColumn = header.indexOf('prompt')
  const ratioColumn = header.indexOf('ratio')
  // Row by row with the parser's cursor, so quoted prompts spanning lines keep the right line numbers.
  let rowStart = 0
  let seenHeader = false
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const start = rowStart
      rowStart = result.meta.cursor
      const row = result.data
      if (row.every((cell) => cell.trim() === '')) return
      const line = lineAt(text, start + (text.slice(start).match(/^[\r\n]*/)?.[0].length ?? 0))
      if (!seenHeader) {
        seenHeader = true
        return
      }
      for (const error of result.errors) errors.push({ line, message: `Line ${line}: ${error.message}.` })
      if (result.errors.length > 0) return
      const prompt = (row[promptColumn] ?? '').trim()
      const ratioCell = ratioColumn >= 0 ? (row[ratioColumn] ?? '').trim() : ''
      if (prompt === '') {
        errors.push({ line, message: `Line ${line}: the prompt is empty.` })
        return
      }
      const ratio = ratioCell === '' ? defaultRatio : AspectRatio.safeParse(ratioCell.toLowerCase()).data
      if (ratio === undefined) {
        errors.push({ line, message: `Line ${line}: “${ratioCell}” is not a ratio Atelier knows (${RATIO_LIST}).` })
        return
      }
      if (checkPrompt(prompt, line, errors)) items.push({ line, prompt, aspectRatio: ratio })
    },
  })
  return { format: 'csv', items, errors }
}

/**
 * Reads a list of prompts. CSV when the first non-empty line names a `prompt`
 * column; otherwise one prompt per line, all with `defaultRatio`.
 */
export function parseBatch(text: string, defaultRatio: AspectRatio): ParsedBatch {
  const header = headerCells(text)
  return header ? parseCsv(text, header, defaultRatio) : parseLines(text, defaultRatio)
}

/** Why this many tasks cannot be one batch, or null when they can. */
export function batchSizeProblem(prompts: number, variations: number): string | null {
  if (prompts === 0) return 'Add at least one prompt.'
  if (!Number.isInteger(variations) || variations < 1 || variations > MAX_VARIATIONS)
    return `Choose between 1 and ${MAX_VARIATIONS} variations.`
  const tasks = prompts * variations
  if (tasks > MAX_BATCH_TASKS)
    return `That is ${tasks} tasks; a batch can hold at most ${MAX_BATCH_TASKS}. Split the list or use fewer variations.`
  return null
}
