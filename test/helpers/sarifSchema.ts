// The official SARIF 2.1.0 JSON schema (draft-04), as shipped by @microsoft/jest-sarif, compiled once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export const SARIF_SCHEMA_PATH = join(
  __dirname,
  '..',
  '..',
  'node_modules',
  '@microsoft',
  'jest-sarif',
  'lib',
  'schemas',
  'sarif-2.1.0-rtm.5.json',
);

let validate: (((data: unknown) => boolean) & { errors?: unknown }) | undefined;

/** Schema errors of a SARIF log ([] when valid). */
export function sarifSchemaErrors(log: unknown): unknown[] {
  if (!validate) {
    // The official schema's `language` pattern has a stray ']' that is only legal without the u flag.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')));
  }
  return validate(log) ? [] : ((validate.errors as unknown[]) ?? ['invalid']);
}
