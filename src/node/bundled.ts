/**
 * The rule sets, catalogues and contracts shipped in the package's `rules/` folder, read from
 * disk next to the installed package. Node-side on purpose: the core does no I/O, and reading
 * the shipped files keeps one copy of them in the package (the standalone bundle, which has no
 * file system, embeds them instead).
 */
import { dirname } from 'node:path';
import type { LoadResult, RuleSetSource } from '../../plugin-api/types';
import { loadRuleSets } from '../load/loader';
import { BUNDLED_RULES_DIR, readRuleSources } from './files';
import { readEntries } from '../evaluate/entries';

/** The shipped documents and `extra`, loaded as one bundle; never throws. */
export function loadBundledRuleSets(extra: readonly RuleSetSource[] = []): LoadResult {
  let shipped: RuleSetSource[];
  try {
    // Named relative to the package root (`rules/asv/2026.1/ruleset.json`), as problems show them.
    shipped = readRuleSources([BUNDLED_RULES_DIR], dirname(BUNDLED_RULES_DIR));
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? 'EIO';
    return {
      ok: false,
      problems: [
        {
          file: BUNDLED_RULES_DIR,
          pointer: '',
          line: 1,
          column: 1,
          severity: 'error',
          code: 'bundled-rules',
          message: `Die mitgelieferten Regelwerke sind nicht lesbar (${reason}).`,
          messageEn: `The bundled rule sets cannot be read (${reason}).`,
        },
      ],
    };
  }
  // The host's list read once, guarded (a proxy or a throwing iterator must not throw here);
  // loadRuleSets reports any item of it that is no document.
  const more = readEntries(extra);
  if (more === null || more.unreadable) {
    return {
      ok: false,
      problems: [{ file: '', pointer: '', line: 1, column: 1, severity: 'error', code: 'sources', message: 'Die weiteren Dokumente sind keine lesbare Liste.', messageEn: 'The extra documents are no readable list.' }],
    };
  }
  return loadRuleSets([...shipped, ...(more.entries as RuleSetSource[])]);
}
