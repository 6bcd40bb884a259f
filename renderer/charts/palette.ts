/** Series colours chosen to stay distinct on both the light and the dark theme (mid lightness). */
export const PALETTE = ['#4f7cff', '#1fb5a7', '#f0a030', '#e0567a', '#8b6cf0', '#5bb8e8', '#9aaa3c', '#d9784a', '#c062c9', '#7d8799'] as const;

export const colorAt = (i: number): string => PALETTE[i % PALETTE.length]!;

/**
 * Forecast colours: the mean line and its 80 % / 95 % bands. The bands are theme tokens
 * (styles/app.css `--chart-band-80/95`, lighter and denser on the dark surface), so they keep their
 * contrast in both themes; test/e2e/overview-forecast.test.ts measures it in Chromium.
 */
export const FORECAST = { actual: '#4f7cff', mean: '#8b6cf0', band80: 'var(--chart-band-80)', band95: 'var(--chart-band-95)', overlay: '#f0a030', predicted: '#e0567a' } as const;
