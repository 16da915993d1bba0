/**
 * A resource instance address as Terraform writes it, for entries that carry none (the early
 * `resource_drift` format): module.a["k"].data.aws_x.y[0].
 */
export function buildAddress(moduleAddress: string, mode: 'managed' | 'data', type: string, name: string, index: unknown): string {
  let local = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
  if (typeof index === 'number') local += `[${index}]`;
  else if (typeof index === 'string') local += `[${JSON.stringify(index)}]`;
  return moduleAddress === '' ? local : `${moduleAddress}.${local}`;
}
