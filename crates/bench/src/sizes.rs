//! Benchmark sizes ("real", "10k", …) and the folders of posts they name.

use anyhow::{Context, Result};
use std::fmt;
use std::fs;
use std::path::PathBuf;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// The real corpus.
    Real,
    /// This many generated posts.
    Posts(usize),
}

impl FromStr for Size {
    type Err = String;

    fn from_str(text: &str) -> Result<Size, String> {
        let text = text.trim().to_ascii_lowercase();
        if text == "real" {
            return Ok(Size::Real);
        }
        let (digits, multiplier) = match text.as_bytes().last() {
            Some(b'k') => (&text[..text.len() - 1], 1_000),
            Some(b'm') => (&text[..text.len() - 1], 1_000_000),
            _ => (text.as_str(), 1),
        };
        match digits.replace('_', "").parse::<usize>() {
            Ok(count) if count > 0 => Ok(Size::Posts(count * multiplier)),
            _ => Err(format!("`{text}` is not a size: use real, or a post count such as 10k, 100k, 1m")),
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Size::Real => f.write_str("real"),
            Size::Posts(n) if n >= 1_000_000 && n % 1_000_000 == 0 => write!(f, "{}m", n / 1_000_000),
            Size::Posts(n) if n >= 1_000 && n % 1_000 == 0 => write!(f, "{}k", n / 1_000),
            Size::Posts(n) => write!(f, "{n}"),
        }
    }
}

/// Where each size's posts live.
pub struct Corpus {
    pub real: PathBuf,
    /// Generated sets go to `<cache>/<size>-<seed>/`.
    pub cache: PathBuf,
    pub seed: u64,
}

impl Corpus {
    /// The folder of posts for `size`, generating it first if the cache lacks it.
    pub fn posts_dir(&self, size: Size) -> Result<PathBuf> {
        let count = match size {
            Size::Real => return Ok(self.real.clone()),
            Size::Posts(count) => count,
        };
        let dir = self.cache.join(format!("{size}-{}", self.seed));
        if dir.is_dir() {
            return Ok(dir);
        }
        // Generate beside the final name and rename at the end, so that an interrupted run
        // never leaves a partial set that a later run would take for complete.
        let partial = self.cache.join(format!("{size}-{}.partial", self.seed));
        if partial.exists() {
            fs::remove_dir_all(&partial).with_context(|| format!("removing {}", partial.display()))?;
        }
        eprintln!("generating {count} posts into {}", dir.display());
        jobsift_synth::write_posts(&partial, count, self.seed)
            .with_context(|| format!("writing posts into {}", partial.display()))?;
        fs::rename(&partial, &dir).with_context(|| format!("renaming {} to {}", partial.display(), dir.display()))?;
        Ok(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_sizes() {
        for (text, size) in [("real", Size::Real), ("10k", Size::Posts(10_000)), ("1M", Size::Posts(1_000_000)), ("2500", Size::Posts(2_500))] {
            assert_eq!(text.parse::<Size>(), Ok(size));
        }
        assert_eq!(Size::Posts(100_000).to_string(), "100k");
        assert_eq!(Size::Posts(2_500).to_string(), "2500");
        assert!("0".parse::<Size>().is_err());
        assert!("ten".parse::<Size>().is_err());
        assert!("k".parse::<Size>().is_err());
    }

    #[test]
    fn generated_sets_are_cached_and_reused() {
        let cache = std::env::temp_dir().join(format!("jobsift-bench-cache-{}", std::process::id()));
        let corpus = Corpus { real: PathBuf::from("/nonexistent"), cache: cache.clone(), seed: 4 };
        let dir = corpus.posts_dir(Size::Posts(20)).unwrap();
        assert_eq!(dir, cache.join("20-4"));
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 20);
        // A file added to the cached set survives: the second call reuses the folder.
        fs::write(dir.join("marker"), b"").unwrap();
        assert_eq!(corpus.posts_dir(Size::Posts(20)).unwrap(), dir);
        assert!(dir.join("marker").exists());
        assert_eq!(corpus.posts_dir(Size::Real).unwrap(), PathBuf::from("/nonexistent"));
        fs::remove_dir_all(&cache).unwrap();
    }
}
