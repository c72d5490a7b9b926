import * as z from 'zod/mini';
import { profileFields } from './profileSchema';

/** Validates one profile field with the schema the settings use; the first problem, or undefined. */
export function fieldError(key: string, value: unknown): string | undefined {
  const schema = (profileFields() as Record<string, z.ZodMiniType>)[key];
  if (!schema) return 'is not a profile field';
  const r = z.safeParse(schema, value);
  return r.success ? undefined : (r.error.issues[0]?.message ?? 'is invalid');
}
