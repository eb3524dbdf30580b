//! Deterministic building blocks for synthetic corpora, shared by the
//! benchmarks and the size example (`#[path]`-included, so each target
//! uses what it needs): a xorshift generator, made-up words and a Zipf
//! sampler. Same seed, same corpus, so figures are comparable run to run.

#![allow(dead_code)]

/// Small deterministic generator (xorshift).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A pronounceable made-up word for rank `i`, unique per rank, with an
/// inflection now and then so the stemmer has work to do.
pub fn word(i: usize) -> String {
    const ONSETS: [&str; 16] = [
        "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "tr",
    ];
    const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "ea"];
    let mut n = i;
    let mut out = String::new();
    loop {
        out.push_str(ONSETS[n % 16]);
        n /= 16;
        out.push_str(VOWELS[n % 6]);
        n /= 6;
        if n == 0 {
            break;
        }
    }
    match i % 7 {
        0 => out.push('s'),
        1 => out.push_str("ing"),
        2 => out.push_str("ed"),
        _ => {}
    }
    out
}

/// Zipf(1) sampler over `n` ranks.
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|r| {
                total += 1.0 / r as f64;
                total
            })
            .collect();
        Zipf { cumulative }
    }
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.unit() * self.cumulative.last().unwrap_or(&0.0);
        self.cumulative.partition_point(|&c| c < x)
    }
}
