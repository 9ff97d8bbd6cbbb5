/** Filled by rollup.config.mjs for the standalone bundle: every bundled rule document. */
declare module 'virtual:bundled-rules' {
  export const BUNDLED_SOURCES: readonly { name: string; text: string }[];
}
