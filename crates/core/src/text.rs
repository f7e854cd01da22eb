//! Text analysis: tokenising, folding, stemming. (Being written: issue 4.)
