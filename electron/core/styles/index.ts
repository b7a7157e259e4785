/** Feature: styles, named prompt snippets (style.* commands); composition is shared/styles.ts. */
export { createStylesFeature, type StylesCommand, type StylesDeps, type StylesFeature } from './handlers'
