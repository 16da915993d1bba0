import { Environment } from '@marcbachmann/cel-js';
import { registerCidrFunctions } from './functions/cidr';
import { registerDataFunctions } from './functions/data';
import { registerGlobFunctions } from './functions/glob';
import { registerImageFunctions } from './functions/image';
import { registerRegexFunctions } from './functions/regex';
import { registerTimeFunctions } from './functions/time';

/** The variables every policy expression sees (docs/contract-format.md, "CEL variables"). */
export const CEL_VARIABLES = ['resource', 'object', 'oldObject', 'params', 'changeset', 'now'] as const;

let shared: Environment | undefined;

/**
 * The one CEL environment policies compile against. Building it is the expensive part, so it
 * is created once; parsing against it afterwards does not modify it.
 */
export function policyEnvironment(): Environment {
  if (!shared) {
    const env = new Environment({
      unlistedVariablesAreDyn: false, // a typo'd variable is a compile error, not a runtime one
      homogeneousAggregateLiterals: false, // ["a", 1] is fine in policies
      enableOptionalTypes: true, // object.?spec.?replicas.orValue(1)
    });
    env.registerVariable('resource', 'dyn');
    env.registerVariable('object', 'dyn');
    env.registerVariable('oldObject', 'dyn');
    env.registerVariable('params', 'dyn');
    env.registerVariable('changeset', 'dyn');
    env.registerVariable('now', 'google.protobuf.Timestamp');
    registerRegexFunctions(env);
    registerDataFunctions(env);
    registerCidrFunctions(env);
    registerImageFunctions(env);
    registerGlobFunctions(env);
    registerTimeFunctions(env);
    shared = env;
  }
  return shared;
}
