import 'server-only';
import type { Check } from '../schema';
import { matches, quote } from './match-text';
import { result, type CheckResult } from './types';

/**
 * Pure evaluators for checks on the built image. The facts come from
 * `docker image inspect` (see image-facts.ts); evaluating them needs no engine,
 * so these are unit-testable with plain objects.
 */

export type ImageFacts = {
  config: {
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    WorkingDir?: string;
    Env?: string[] | null;
    User?: string;
    ExposedPorts?: Record<string, unknown> | null;
    Healthcheck?: { Test?: string[] } | null;
    Labels?: Record<string, string> | null;
    StopSignal?: string;
  };
  sizeBytes: number;
  layers: string[];
  /** Layers of the final stage's base image, when it could be determined. */
  baseLayers?: string[];
};

type ImageCheck = Extract<Check, { kind: 'image-config' | 'image-size' | 'image-layers' }>;
type Field = Extract<Check, { kind: 'image-config' }>['field'];

/** The field as a scalar or list; empty means unset. */
export function fieldValue(config: ImageFacts['config'], field: Field): string | string[] {
  switch (field) {
    case 'Cmd':
    case 'Entrypoint':
    case 'Env':
      return config[field] ?? [];
    case 'ExposedPorts':
      return Object.keys(config.ExposedPorts ?? {});
    case 'Labels':
      return Object.entries(config.Labels ?? {}).map(([k, v]) => `${k}=${v}`);
    case 'Healthcheck': {
      const test = config.Healthcheck?.Test ?? [];
      return test[0] === 'NONE' ? [] : test;
    }
    case 'WorkingDir':
    case 'User':
    case 'StopSignal':
      return config[field] ?? '';
  }
}

const show = (v: string | string[]) => (Array.isArray(v) ? (v.length ? JSON.stringify(v) : 'not set') : v ? quote(v) : 'not set');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function evaluateImageCheck(check: ImageCheck, facts: ImageFacts): CheckResult {
  switch (check.kind) {
    case 'image-size': {
      const ok = facts.sizeBytes <= check.maxMb * 1e6;
      return result(check, ok, `The image is ${mb(facts.sizeBytes)} (limit ${check.maxMb} MB).`);
    }
    case 'image-layers': {
      const total = facts.layers.length;
      if (total > check.max) return result(check, false, `The image has ${total} layers (limit ${check.max}).`);
      if (check.maxAdded !== undefined) {
        const base = facts.baseLayers;
        // Base layers are a prefix of the image's layers; without a known base, count them all as added.
        const added = base && base.every((l, i) => facts.layers[i] === l) ? total - base.length : total;
        const ok = added <= check.maxAdded;
        return result(check, ok, `Your instructions added ${added} layer${added === 1 ? '' : 's'} (limit ${check.maxAdded}).`);
      }
      return result(check, true, `The image has ${total} layers.`);
    }
    case 'image-config': {
      const value = fieldValue(facts.config, check.field);
      const list = Array.isArray(value) ? value : value ? [value] : [];
      const text = Array.isArray(value) ? value.join(' ') : value;
      const failures: string[] = [];
      if (check.present !== undefined && (list.length > 0) !== check.present) {
        failures.push(check.present ? `${check.field} is not set` : `${check.field} is set to ${show(value)}`);
      }
      if (check.equals !== undefined) {
        const ok = Array.isArray(check.equals)
          ? Array.isArray(value) && value.length === check.equals.length && value.every((v, i) => v === check.equals![i])
          : text === check.equals;
        if (!ok) failures.push(`${check.field} is ${show(value)}`);
      }
      if (check.includes !== undefined && !list.includes(check.includes)) {
        failures.push(`${check.field} has no entry ${quote(check.includes)} (it is ${show(value)})`);
      }
      if (check.matches !== undefined && !matches(check.matches, text)) {
        failures.push(`${check.field} is ${show(value)}`);
      }
      // `CMD ['World']` is not JSON, so Docker took it as shell form: say so in words.
      const shellWrapped = (check.field === 'Cmd' || check.field === 'Entrypoint') && Array.isArray(value) && value[0] === '/bin/sh' && value[1] === '-c';
      if (failures.length && shellWrapped) {
        const written = value.slice(2).join(' ');
        failures[0] += /^\s*\[/.test(written) && written.includes("'")
          ? `: Docker ran ${quote(written)} through a shell, because single quotes are not JSON. Write the list with double quotes`
          : `: that is the shell form. Write it as a JSON list of strings, e.g. ["program", "argument"]`;
      }
      return failures.length
        ? result(check, false, `${failures[0]}.`)
        : result(check, true, `${check.field}: ${show(value)}.`);
    }
  }
}
