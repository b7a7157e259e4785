/**
 * The recipe as an XMP packet: Atelier's own namespace carries the recipe's
 * JSON (the exact record, lossless), `dc:description` the prompt (so other
 * tools show it) and `xmp:CreatorTool` who wrote it. Reading is strict: a
 * bounded size, no DTD or entity declarations, well-formed XML, our namespace
 * resolved by URI (any prefix), then the JSON checked against the schema.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { RecipeError } from './errors'
import { Recipe, RECIPE_NAMESPACE } from './schema'

/** The largest XMP packet we parse. A recipe's packet is a few kB; anything far larger is not ours. */
export const XMP_READ_MAX_BYTES = 1024 * 1024

/** XMP's own marker for the packet wrapper (a fixed id from the XMP specification). */
const PACKET_ID = 'W5M0MpCehiHzreSzNTczkc9d'

/** Characters XML 1.0 cannot hold at all (most C0 controls, U+FFFE/U+FFFF, lone surrogates). */
function isXmlChar(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d
  return code !== 0xfffe && code !== 0xffff && (code < 0xd800 || code > 0xdfff)
}

/** Text and attribute escaping; characters XML cannot hold become U+FFFD (the recipe's JSON keeps the exact text). */
function escapeXml(text: string): string {
  let clean = ''
  for (const char of text) clean += isXmlChar(char.codePointAt(0)!) ? char : '\uFFFD'
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The XMP packet for a recipe (UTF-8 when encoded; always well-formed). */
export function buildXmp(recipe: Recipe): string {
  const json = JSON.stringify(Recipe.parse(recipe))
  return [
    `<?xpacket begin="\uFEFF" id="${PACKET_ID}"?>`,
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    `    xmlns:atelier="${RECIPE_NAMESPACE}"`,
    `    xmp:CreatorTool="${escapeXml(`${recipe.app.name} ${recipe.app.version}`)}"`,
    `    atelier:version="${recipe.version}">`,
    `   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(recipe.prompt)}</rdf:li></rdf:Alt></dc:description>`,
    `   <atelier:recipe>${escapeXml(json)}</atelier:recipe>`,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n')
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Numeric character references (&#x4e2d;) as other XMP writers emit them.
  htmlEntities: true,
})

const invalid = (message: string, cause?: unknown): RecipeError => new RecipeError('RECIPE_INVALID', message, { cause })

/** Every value of our `recipe` property, as element text or attribute, wherever our namespace is in scope. */
function findRecipeTexts(node: unknown, scope: ReadonlyMap<string, string>, found: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) findRecipeTexts(item, scope, found)
    return
  }
  if (node === null || typeof node !== 'object') return
  const entries = Object.entries(node as Record<string, unknown>)
  let inner = scope
  for (const [key, value] of entries) {
    if (key.startsWith('@_xmlns:') && typeof value === 'string') {
      if (inner === scope) inner = new Map(scope)
      ;(inner as Map<string, string>).set(key.slice('@_xmlns:'.length), value)
    }
  }
  const isOurs = (qualified: string): boolean => {
    const [prefix, local] = qualified.split(':')
    return local === 'recipe' && prefix !== undefined && inner.get(prefix) === RECIPE_NAMESPACE
  }
  for (const [key, value] of entries) {
    if (key.startsWith('@_')) {
      if (isOurs(key.slice(2)) && typeof value === 'string') found.push(value)
      continue
    }
    if (isOurs(key)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'string') found.push(item)
        else if (item && typeof item === 'object' && typeof (item as Record<string, unknown>)['#text'] === 'string') {
          found.push((item as Record<string, string>)['#text']!)
        }
      }
      continue
    }
    findRecipeTexts(value, inner, found)
  }
}

/**
 * The recipe inside an XMP packet; null when the packet holds none (XMP written
 * by another tool). Throws RecipeError when the packet is too large, not
 * well-formed, declares a DTD, or holds a recipe that fails the schema.
 */
export function recipeFromXmp(xml: string): Recipe | null {
  if (Buffer.byteLength(xml, 'utf8') > XMP_READ_MAX_BYTES) {
    throw new RecipeError(
      'RECIPE_TOO_LARGE',
      `The XMP packet is larger than ${XMP_READ_MAX_BYTES / 1024} kB; it is not read.`,
    )
  }
  // XMP never needs a DTD; refusing one rules out entity expansion altogether.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw invalid('The XMP packet declares a DTD or entities, which XMP never does.')
  const validation = XMLValidator.validate(xml)
  if (validation !== true)
    throw invalid(`The XMP packet is not well-formed XML: ${validation.err.msg} (line ${validation.err.line}).`)
  let tree: unknown
  try {
    tree = parser.parse(xml)
  } catch (error) {
    throw invalid('The XMP packet could not be parsed.', error)
  }
  const found: string[] = []
  findRecipeTexts(tree, new Map(), found)
  if (found.length === 0) return null
  if (found.length > 1) throw invalid('The XMP packet holds more than one Atelier recipe.')
  return recipeFromJson(found[0]!)
}

/** The recipe's JSON text, parsed and checked against the schema. */
export function recipeFromJson(text: string): Recipe {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw invalid('The embedded recipe is not valid JSON.', error)
  }
  const parsed = Recipe.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw invalid(
      `The embedded recipe is not valid: ${issue ? `${issue.path.join('.') || 'recipe'}: ${issue.message}` : 'unknown problem'}.`,
    )
  }
  return parsed.data
}
