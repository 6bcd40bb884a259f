import type { ScalingRecommendation } from './recommend';

/**
 * A merge patch for a Kubernetes HorizontalPodAutoscaler (autoscaling/v2): sets `minReplicas` and
 * `maxReplicas`. Apply with `kubectl patch hpa NAME --type merge --patch-file FILE`. The HPA has no
 * schedule of its own, so the weekly peaks are listed as comments with the minReplicas to set at
 * each time (for a CronJob or KEDA's cron scaler).
 */
export function scalingToHpaPatch(rec: ScalingRecommendation, hpaName: string, comment: string): string {
  const lines = [
    `# ${comment.replace(/\n/g, ' ')}`,
    `# kubectl patch hpa ${hpaName} --type merge --patch-file <this file>`,
    ...rec.scheduled.map((a) => `# scheduled (cron, UTC) ${a.recurrence}: minReplicas ${a.min_size}`),
    'spec:',
    `  minReplicas: ${rec.min}`,
    `  maxReplicas: ${rec.max}`,
  ];
  return `${lines.join('\n')}\n`;
}
