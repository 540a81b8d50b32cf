//! Che's approximation of an LRU cache's hit ratio (Che, Tung and Wang,
//! 2002): under independent requests with popularities `p_i`, a cache of `C`
//! keys behaves as if every key stayed for the same "characteristic time" `T`
//! after its last request, where `sum_i (1 - e^(-p_i T)) = C`. The hit ratio
//! is then `sum_i p_i (1 - e^(-p_i T))`. Accurate to about a percentage point
//! for Zipf popularities; the caching lab checks its simulation against it.

/// The hit ratio Che's approximation predicts for an LRU cache of `capacity`
/// keys under requests with these relative popularities (any scale).
pub fn che_hit_ratio(popularity: &[f64], capacity: usize) -> f64 {
    let total: f64 = popularity.iter().sum();
    let live = popularity.iter().filter(|&&p| p > 0.0).count();
    if total <= 0.0 || capacity == 0 {
        return 0.0;
    }
    if capacity >= live {
        return 1.0;
    }
    let p: Vec<f64> = popularity.iter().map(|&w| w / total).collect();
    let filled = |t: f64| p.iter().map(|&q| -libm::expm1(-q * t)).sum::<f64>();
    let c = capacity as f64;
    // `filled` grows from 0 towards `live`: bracket T, then bisect.
    let (mut lo, mut hi) = (0.0, 1.0);
    while filled(hi) < c {
        lo = hi;
        hi *= 2.0;
    }
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if filled(mid) < c {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let t = 0.5 * (lo + hi);
    p.iter().map(|&q| q * -libm::expm1(-q * t)).sum()
}

#[cfg(test)]
mod tests {
    use super::che_hit_ratio;

    #[test]
    fn uniform_popularity_hits_in_proportion_to_the_cache() {
        // n equally popular keys: T solves n(1 - e^(-T/n)) = C, and the hit
        // ratio is C/n exactly.
        let h = che_hit_ratio(&[1.0; 100], 25);
        assert!((h - 0.25).abs() < 1e-9, "{h}");
        assert_eq!(che_hit_ratio(&[1.0; 10], 10), 1.0);
        assert_eq!(che_hit_ratio(&[1.0; 10], 0), 0.0);
    }
}
