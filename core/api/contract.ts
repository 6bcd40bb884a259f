/**
 * The shape of the one contract (STYLE.md §6): every method has a zod request and response schema.
 * Feature files (`core/api/<feature>.ts`) export a `MethodMap` built with `defineMethods`; `index.ts`
 * merges them into `api`, and every transport (Electron IPC, loopback HTTP, the CLI) is derived from it.
 *
 * Request schemas avoid transforms and defaults, so the type a caller sends is the type a handler receives.
 */
import type { z } from 'zod';
import type { ProgressSink } from '../lib';

export interface MethodSchema {
  readonly req: z.ZodType;
  readonly res: z.ZodType;
  /** One line for docs and `headroom serve`'s index. */
  readonly summary: string;
}

export type MethodMap = Readonly<Record<string, MethodSchema>>;

/** Identity with a check: keeps literal method names and their schema types. */
export function defineMethods<const M extends MethodMap>(methods: M): M {
  return methods;
}

/** What every handler gets besides its request: cancellation and a progress sink. */
export interface HandlerContext {
  readonly signal: AbortSignal;
  readonly progress: ProgressSink;
}

export type MethodReq<M extends MethodMap, K extends keyof M> = z.infer<M[K]['req']>;
export type MethodRes<M extends MethodMap, K extends keyof M> = z.infer<M[K]['res']>;

/** The handlers implementing one feature's methods (core/service/<feature>.ts returns this). */
export type FeatureHandlers<M extends MethodMap> = {
  [K in keyof M]: (req: MethodReq<M, K>, ctx: HandlerContext) => Promise<MethodRes<M, K>>;
};

type Merge<T extends readonly MethodMap[]> = T extends readonly [infer H extends MethodMap, ...infer R extends readonly MethodMap[]] ? H & Merge<R> : unknown;

/** Merges feature maps into one; a method name defined by two features is a bug and throws at load. */
export function mergeMethods<const T extends readonly MethodMap[]>(...maps: T): Merge<T> {
  const out: Record<string, MethodSchema> = {};
  for (const m of maps) {
    for (const [name, schema] of Object.entries(m)) {
      if (name in out) throw new Error(`core/api: method "${name}" is defined by two features`);
      out[name] = schema;
    }
  }
  return out as Merge<T>;
}
