// Types for corpus.mjs, used by test/bench.test.ts.
export declare const TSCONFIG: { compilerOptions: Record<string, unknown>; include: string[] };

export interface Corpus {
  dir: string;
  /** Paths relative to dir, e.g. `src/routes/order-express-2.ts`. */
  files: string[];
  /** Files per kind (db, lib, model, express, koa, fastify, amqp, kafka, lambda, job, agent). */
  kinds: Record<string, number>;
  /** Files that build a client per request, message or iteration, or an agent without keep-alive. */
  violations: number;
  lines: number;
}

/** Writes a deterministic synthetic service codebase of n files (from seed) into dir, replacing it. */
export declare function generateCorpus(options: { n: number; seed?: number; dir: string }): Corpus;
