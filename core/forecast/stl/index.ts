/** Seasonal decomposition: STL (Cleveland et al. 1990) and MSTL (Bandara, Hyndman & Bergmeir 2021). */
export { stl, stlDefaults, type StlOptions, type StlResult } from './stl';
export { mstl, seasonalStrength, type MstlOptions, type MstlResult } from './mstl';
export { loessAt, loessWeights, loessWindow } from './loess';
