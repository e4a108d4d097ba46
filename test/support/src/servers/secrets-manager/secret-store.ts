import { randomBytes, randomUUID } from 'node:crypto';
import { AwsErrorAnswer } from '../ssm/aws-json.js';
import type { SeedSecret, StoredSecret, StoredSecretVersion } from './types.js';

const ARN_SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** The in-memory secrets of the Secrets Manager test server. */
export class SecretStore {
  readonly #secrets = new Map<string, StoredSecret>();
  readonly #arnPrefix: string;

  constructor(region: string, accountId: string) {
    this.#arnPrefix = `arn:aws:secretsmanager:${region}:${accountId}:secret:`;
  }

  create(name: string, value: SeedSecret): StoredSecret {
    if (this.#secrets.has(name)) throw new Error(`secret ${name} already exists`);
    const now = wholeSeconds();
    const secret: StoredSecret = {
      name,
      arn: `${this.#arnPrefix}${name}-${arnSuffix()}`,
      versions: [version(value, ['AWSCURRENT'])],
      lastChangedDate: now,
    };
    this.#secrets.set(name, secret);
    return secret;
  }

  rotate(name: string, value: SeedSecret): StoredSecretVersion {
    const secret = this.#require(name);
    const added = version(value, ['AWSCURRENT']);
    const versions = secret.versions.map((v) => {
      const stages = v.stages.filter((s) => s !== 'AWSPREVIOUS' && s !== 'AWSCURRENT');
      return { ...v, stages: v.stages.includes('AWSCURRENT') ? [...stages, 'AWSPREVIOUS'] : stages };
    });
    this.#secrets.set(name, { ...secret, versions: [...versions, added], lastChangedDate: wholeSeconds() });
    return added;
  }

  stage(name: string, stage: string, versionId: string): void {
    const secret = this.#require(name);
    if (!secret.versions.some((v) => v.versionId === versionId)) {
      throw new Error(`secret ${name} has no version ${versionId}`);
    }
    const versions = secret.versions.map((v) => {
      const stages = v.stages.filter((s) => s !== stage);
      return { ...v, stages: v.versionId === versionId ? [...stages, stage] : stages };
    });
    this.#secrets.set(name, { ...secret, versions, lastChangedDate: wholeSeconds() });
  }

  delete(name: string): boolean {
    return this.#secrets.delete(name);
  }

  get(name: string): StoredSecret | undefined {
    return this.#secrets.get(name);
  }

  /** A secret by name or full ARN; `ResourceNotFoundException` with AWS's wording otherwise. */
  find(secretId: unknown): StoredSecret {
    if (typeof secretId !== 'string' || secretId.length === 0) {
      throw new AwsErrorAnswer(400, 'InvalidParameterException', 'You must provide a SecretId.');
    }
    const byName = this.#secrets.get(secretId);
    if (byName !== undefined) return byName;
    for (const secret of this.#secrets.values()) if (secret.arn === secretId) return secret;
    throw new AwsErrorAnswer(
      400,
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret.",
    );
  }

  #require(name: string): StoredSecret {
    const secret = this.#secrets.get(name);
    if (secret === undefined) throw new Error(`secret ${name} does not exist`);
    return secret;
  }
}

function version(value: SeedSecret, stages: string[]): StoredSecretVersion {
  return {
    versionId: randomUUID(),
    secretString: typeof value === 'string' ? value : undefined,
    secretBinary: typeof value === 'string' ? undefined : value.binary,
    createdDate: wholeSeconds(),
    stages,
  };
}

function wholeSeconds(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

function arnSuffix(): string {
  return [...randomBytes(6)].map((b) => ARN_SUFFIX_ALPHABET[b % ARN_SUFFIX_ALPHABET.length]).join('');
}
