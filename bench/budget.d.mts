// Types for budget.mjs, used by test/e2e/connection-budget.test.ts.
import type { ESLint, Linter } from 'eslint';

export declare const ROOT: string;
export declare const SERVICES_DIR: string;
export type ServerName = 'postgres' | 'mariadb' | 'redis' | 'rabbitmq';
export declare const SERVERS: Record<ServerName, { port: number; service: string; label: string }>;

export interface Scenario {
  name: string;
  file: string;
  server: ServerName | 'upstream';
  upstreamPort?: number;
  method: string;
  path: string;
  perRequest: number;
  budget: number;
  budgetWhy: string;
}
export declare function scenarios(concurrency: number): Scenario[];
export declare function missingServers(names?: ServerName[]): Promise<ServerName[]>;
export declare function missingServersMessage(missing: ServerName[]): string;

export interface Run {
  connections: number;
  timeWait: number;
  failed: number;
  errors: Record<string, number>;
  ms: number;
  error?: string;
  log?: string;
}
export interface Row {
  scenario: string;
  server: string;
  fixedBy: 'fix' | 'suggestion' | 'fix + suggestion' | 'none';
  suggestions: string[];
  remainingFindings: string[];
  budget: number;
  budgetWhy: string;
  perRequest: number;
  before: Run;
  after?: Run;
  status: string;
  fixedSource: string;
}
export interface Report {
  n: number;
  concurrency: number;
  fixVia: string;
  node: string;
  rows: Row[];
}
export declare function runBudget(options: {
  n: number;
  concurrency: number;
  ESLint: typeof ESLint;
  plugin: unknown;
  parser: unknown;
  only?: string[];
  deadlineMs?: number;
  log?: (line: string) => void;
}): Promise<Report>;
export declare function fixConfig(plugin: unknown, parser: unknown): { config: Linter.Config[]; via: string };
export declare function formatTable(report: Report): string;
