import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateValidatorsSource } from '../scripts/validators-source';
import { ROOT } from './helpers';

describe('generated ajv validators', () => {
  it('are up to date with schemas/ (run npm run gen:validators after editing a schema)', () => {
    expect(readFileSync(`${ROOT}/src/load/validators.generated.js`, 'utf8')).toBe(generateValidatorsSource(ROOT));
  });
  it('contain no eval, no new Function and no imports', () => {
    const code = readFileSync(`${ROOT}/src/load/validators.generated.js`, 'utf8');
    expect(code).not.toMatch(/new Function|\beval\(|require\(|^import /m);
  });
});
