/** Schemas shared by several features: days, dimensions, filters, money totals, errors. */
import { z } from 'zod';
import { isDay, type Day } from '../lib';
import { DIMENSIONS, type CurrencyCode, type Dimension } from '../model';

/** A UTC calendar day `YYYY-MM-DD`. */
export const daySchema = z.string().refine(isDay, { message: 'expected a calendar date YYYY-MM-DD' }) as unknown as z.ZodType<Day, string>;

export const currencySchema = z.string() as unknown as z.ZodType<CurrencyCode, string>;

/**
 * A currency the user names (a budget's, a scenario's, a pool's cost): an ISO 4217 code, upper case.
 * The shape is checked here; whether the code exists is the service's check (core/ingest/files
 * `isCurrencyCode`), whose message names the object and the code.
 */
export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 code such as USD' });

/** provider, billing_account, … or `tag:<key>`. */
export const dimensionSchema = z
  .string()
  .refine((s) => (DIMENSIONS as readonly string[]).includes(s) || (s.startsWith('tag:') && s.length > 4), {
    message: `expected one of ${DIMENSIONS.join(', ')} or tag:<key>`,
  }) as unknown as z.ZodType<Dimension, string>;

export const filterSchema = z.object({
  dimension: dimensionSchema,
  /** Matches any of these values; null matches rows without a value. */
  values: z.array(z.string().nullable()),
});

export const costViewSchema = z.enum(['effective', 'billed']);

/** Half-open [start, end): end is the day after the last day. */
export const periodSchema = z.object({ start: daySchema, end: daySchema });

export const currencyTotalSchema = z.object({
  currency: currencySchema,
  billed_cost: z.number(),
  effective_cost: z.number(),
});

/** Dimension name → value (null when the rows have none). */
export const groupKeySchema = z.record(z.string(), z.string().nullable());

/** What a failed call returns over any transport: HeadroomError's code, message and location. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  location: z.object({ file: z.string().optional(), line: z.number().optional(), column: z.string().optional() }).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** A day of a forecast's horizon with a calendar effect: the holiday day, its multiplicative effect, and the years it was learned from (core/forecast/calendar.ts). */
export const calendarEffectSchema = z.object({ day: daySchema, key: z.string(), factor: z.number(), years: z.number() });
