import { describe, expect, it } from 'vitest';
import { coreSize } from '../bench/core-size';
import { built } from './built';

// The README's limit for what a host loads: dist/index.mjs and the chunks it imports, minified
// and gzipped as the bench measures it. A size, not a time: it is the same on every machine.
const CORE_LIMIT_KB = 60;

describe('core size', () => {
  it(`stays within ${CORE_LIMIT_KB} KB min+gz`, async () => {
    built('dist/index.mjs');
    const { total, files } = await coreSize();
    expect(files.map(([f]) => f)).toContain('index.mjs');
    expect(total, files.map(([f, kb]) => `${f} ${kb.toFixed(1)} KB`).join(', ')).toBeLessThanOrEqual(CORE_LIMIT_KB);
  }, 30_000);
});
