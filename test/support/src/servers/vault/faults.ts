/** A problem the server simulates instead of (or before) answering. */
export type VaultTestFault =
  /** Wait, then answer normally. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Destroy the connection without answering (`socket.destroy()`). */
  | { readonly kind: 'reset' }
  /** Answer 200 with a truncated, unparsable JSON body. */
  | { readonly kind: 'malformed' }
  /** Answer this status with `{"errors": [...]}` (500, 429, 412, …), optionally with headers (`Retry-After`). */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly errors?: readonly string[];
      readonly headers?: Readonly<Record<string, string>>;
    };

/** Which requests a fault applies to. */
export interface VaultTestFaultMatch {
  /** How many matching requests get the fault; `Infinity` until cleared. @default 1 */
  readonly times?: number;
  /** Request path (`/v1/...`, no query): a substring, or a pattern. @default every path */
  readonly path?: string | RegExp;
  /** HTTP method. @default every method */
  readonly method?: string;
}

/** A fault that was injected: how many uses are left, and a way to remove it. */
export interface VaultTestFaultHandle {
  /** Matching requests still to be hit. */
  remaining(): number;
  /** Remove the fault now. */
  clear(): void;
}

interface FaultRule {
  readonly fault: VaultTestFault;
  readonly match: VaultTestFaultMatch;
  remaining: number;
}

/** Faults in injection order; the first matching one with uses left applies. */
export class FaultList {
  #rules: FaultRule[] = [];

  add(fault: VaultTestFault, match: VaultTestFaultMatch = {}): VaultTestFaultHandle {
    const rule: FaultRule = { fault, match, remaining: match.times ?? 1 };
    this.#rules.push(rule);
    return {
      remaining: () => rule.remaining,
      clear: () => {
        this.#rules = this.#rules.filter((r) => r !== rule);
      },
    };
  }

  clear(): void {
    this.#rules = [];
  }

  /** Consume one use of the first fault matching this request. */
  take(method: string, path: string): VaultTestFault | undefined {
    for (const rule of this.#rules) {
      if (rule.remaining <= 0) continue;
      if (rule.match.method !== undefined && rule.match.method.toUpperCase() !== method.toUpperCase())
        continue;
      const pattern = rule.match.path;
      if (
        pattern !== undefined &&
        !(typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path))
      ) {
        continue;
      }
      rule.remaining -= 1;
      return rule.fault;
    }
    return undefined;
  }
}

/** `delay 200ms`, `reset`, `status 429`. */
export function describeFault(fault: VaultTestFault): string {
  switch (fault.kind) {
    case 'delay':
      return `delay ${fault.ms}ms`;
    case 'status':
      return `status ${fault.status}`;
    default:
      return fault.kind;
  }
}
