/**
 * Solves M z = b in place (b ← z) for a symmetric positive definite M (k×k, row-major) by the
 * Cholesky factorisation M = L Lᵀ (Golub & Van Loan, *Matrix Computations*, 4th ed., §4.2), then
 * forward and back substitution; M's lower triangle is overwritten by L. Returns false when a
 * pivot is not above `relTol` × max(1, its diagonal entry of M) (M not positive definite, or
 * numerically singular at that tolerance); b is then partly overwritten.
 */
export function choleskySolve(M: Float64Array, b: Float64Array, k: number, relTol = 0): boolean {
  for (let j = 0; j < k; j++) {
    const diag = M[j * k + j] as number;
    let d = diag;
    for (let s = 0; s < j; s++) d -= (M[j * k + s] as number) ** 2;
    if (!(d > relTol * Math.max(1, diag))) return false;
    const ljj = Math.sqrt(d);
    M[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let v = M[i * k + j] as number;
      for (let s = 0; s < j; s++) v -= (M[i * k + s] as number) * (M[j * k + s] as number);
      M[i * k + j] = v / ljj;
    }
  }
  for (let i = 0; i < k; i++) {
    let v = b[i] as number;
    for (let s = 0; s < i; s++) v -= (M[i * k + s] as number) * (b[s] as number);
    b[i] = v / (M[i * k + i] as number);
  }
  for (let i = k - 1; i >= 0; i--) {
    let v = b[i] as number;
    for (let s = i + 1; s < k; s++) v -= (M[s * k + i] as number) * (b[s] as number);
    b[i] = v / (M[i * k + i] as number);
  }
  return true;
}
