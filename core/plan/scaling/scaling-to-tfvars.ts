import type { ScalingRecommendation } from './recommend';

/**
 * A Terraform `.tfvars` snippet for an Auto Scaling group: `min_size`, `max_size` and a
 * `scheduled_actions` list whose objects map one-to-one onto `aws_autoscaling_schedule`
 * arguments (`scheduled_action_name`, `recurrence`, `min_size`, `max_size`, `time_zone`).
 * Variable names are prefixed with `prefix` (e.g. the pool name in snake case) so several pools can share one file.
 */
export function scalingToTfvars(rec: ScalingRecommendation, prefix: string, comment: string): string {
  const p = prefix.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1');
  const lines = [`# ${comment.replace(/\n/g, ' ')}`, `${p}_min_size = ${rec.min}`, `${p}_max_size = ${rec.max}`];
  if (rec.scheduled.length === 0) {
    lines.push(`${p}_scheduled_actions = []`);
  } else {
    lines.push(`${p}_scheduled_actions = [`);
    for (const a of rec.scheduled) {
      lines.push(
        '  {',
        `    scheduled_action_name = ${JSON.stringify(a.name)}`,
        `    recurrence            = ${JSON.stringify(a.recurrence)}`,
        `    min_size              = ${a.min_size}`,
        `    max_size              = ${a.max_size}`,
        `    time_zone             = "Etc/UTC"`,
        '  },',
      );
    }
    lines.push(']');
  }
  return `${lines.join('\n')}\n`;
}
