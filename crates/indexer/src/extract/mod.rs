//! Job-field extraction from post text. (Being written: issue 2.)
