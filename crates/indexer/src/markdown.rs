//! Markdown (and the HTML inside it) to plain text, collecting links on the way.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[derive(Debug, Default, PartialEq)]
pub struct PlainText {
    /// The text with block structure kept as line breaks (paragraphs separated by a
    /// blank line), so that "Salary: …" lines can still be found line by line.
    pub text: String,
    /// Every link as (link text, target), in document order.
    pub links: Vec<(String, String)>,
}

/// Renders Markdown as plain text. HTML tags are dropped and their text kept; the
/// content of `<script>` and `<style>` is dropped whole.
pub fn to_plain_text(markdown: &str) -> PlainText {
    let mut out = PlainText::default();
    let mut open_links: Vec<(String, usize)> = Vec::new();
    let mut html = HtmlStripper::default();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(text) | Event::Code(text) => out.text.push_str(&text),
            Event::Html(raw) | Event::InlineHtml(raw) => html.strip_into(&raw, &mut out),
            // Source line breaks are kept: posts put one "Label: value" per line
            // without Markdown hard breaks, and extraction reads them line by line.
            Event::SoftBreak => out.text.push('\n'),
            Event::HardBreak => out.text.push('\n'),
            Event::Start(Tag::Link { dest_url, .. }) => open_links.push((dest_url.to_string(), out.text.len())),
            Event::End(TagEnd::Link) => {
                if let Some((target, start)) = open_links.pop() {
                    let label = out.text[start..].trim().to_owned();
                    out.links.push((label, target));
                }
            }
            Event::Start(Tag::Item) => start_line(&mut out.text, "- "),
            Event::Start(Tag::TableCell) => out.text.push_str(" | "),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => {
                end_block(&mut out.text)
            }
            Event::End(TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) => out.text.push('\n'),
            Event::Rule => end_block(&mut out.text),
            _ => {}
        }
    }
    out.text = tidy(&out.text);
    out
}

fn start_line(text: &mut String, prefix: &str) {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(prefix);
}

fn end_block(text: &mut String) {
    if !text.ends_with("\n\n") {
        text.push_str(if text.ends_with('\n') { "\n" } else { "\n\n" });
    }
}

/// Trims every line and collapses runs of blank lines, so the text is stable however
/// the Markdown was spaced.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else {
            blank_run += 1;
            continue;
        };
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        if is_tidy_line(line) {
            out.push_str(line);
            continue;
        }
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
    out
}

/// Whether a line is already its words joined by single spaces: no white space at either
/// end, no run of it, none but ' '. Most lines are, and are copied whole.
fn is_tidy_line(line: &str) -> bool {
    let mut previous_space = true;
    for (at, &byte) in line.as_bytes().iter().enumerate() {
        let space = match byte {
            b' ' => true,
            b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' => return false,
            // The first byte of a non-ASCII character: U+00A0, U+2003 … are white space too.
            0xC0.. if line[at..].chars().next().is_some_and(char::is_whitespace) => return false,
            _ => false,
        };
        if space && previous_space {
            return false;
        }
        previous_space = space;
    }
    !previous_space
}

/// Removes tags from HTML fragments. The state is carried across fragments because
/// pulldown-cmark hands inline HTML over one tag at a time.
#[derive(Default)]
struct HtmlStripper {
    inside_tag: bool,
    skipping: Option<&'static str>,
    tag: String,
}

impl HtmlStripper {
    fn strip_into(&mut self, raw: &str, out: &mut PlainText) {
        for ch in raw.chars() {
            if self.inside_tag {
                if ch == '>' {
                    self.inside_tag = false;
                    self.close_tag(out);
                } else if self.tag.len() < 512 {
                    self.tag.push(ch);
                }
            } else if ch == '<' {
                self.inside_tag = true;
                self.tag.clear();
            } else if self.skipping.is_none() {
                out.text.push(ch);
            }
        }
    }

    fn close_tag(&mut self, out: &mut PlainText) {
        let tag = self.tag.trim().to_ascii_lowercase();
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if let Some(skipped) = self.skipping {
            if tag.starts_with('/') && name == skipped {
                self.skipping = None;
            }
            return;
        }
        match name.as_str() {
            "script" if !tag.starts_with('/') => self.skipping = Some("script"),
            "style" if !tag.starts_with('/') => self.skipping = Some("style"),
            "br" => out.text.push('\n'),
            "p" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "table" => {
                out.text.push('\n')
            }
            "a" if !tag.starts_with('/') => {
                if let Some(href) = attribute(&self.tag, "href") {
                    out.links.push((String::new(), href));
                }
            }
            _ => {}
        }
    }
}

/// The value of an attribute in a tag's source (`a href="…"`), quoted or not.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let value = match rest.chars().next()? {
        quote @ ('"' | '\'') => rest[1..].split(quote).next()?,
        _ => rest.split(|c: char| c.is_whitespace()).next()?,
    };
    Some(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_and_links_of_a_real_post() {
        // From 2017-08-26-aflciolead.md.
        let md = "[Job description here](https://aflcio.hirecentric.com/jobs/124438.html).\n\n\nThe AFL-CIO builds **unity**.\n\nThis position pays $102,650. ";
        let plain = to_plain_text(md);
        assert_eq!(plain.text, "Job description here.\n\nThe AFL-CIO builds unity.\n\nThis position pays $102,650.");
        assert_eq!(plain.links, vec![("Job description here".to_owned(), "https://aflcio.hirecentric.com/jobs/124438.html".to_owned())]);
    }

    #[test]
    fn keeps_labelled_lines_apart() {
        let plain = to_plain_text("**Location:** Remote\n**Salary:** Not listed\n\n# Compensation\n\n* one\n* two");
        assert_eq!(plain.text, "Location: Remote\nSalary: Not listed\n\nCompensation\n\n- one\n- two");
        let plain = to_plain_text("**Location:** Remote  \n**Salary:** Not listed");
        assert_eq!(plain.text, "Location: Remote\nSalary: Not listed");
    }

    #[test]
    fn strips_html_and_drops_scripts() {
        let plain = to_plain_text("<div class=\"x\">Hello <b>world</b></div>\n\n<script>alert(1)</script>\n\nafter <img src=x onerror=alert(1)> text");
        assert!(plain.text.contains("Hello world"), "{:?}", plain.text);
        assert!(!plain.text.contains("alert"), "{:?}", plain.text);
        assert!(!plain.text.contains('<'), "{:?}", plain.text);
        assert!(plain.text.contains("after text") || plain.text.contains("after  text"));
    }

    proptest::proptest! {
        /// A line copied whole is exactly what joining its words would give.
        #[test]
        fn a_tidy_line_is_its_words_joined(line in r"[a b\t\u{a0}\u{85}\u{2003}\u{3000}é\u{2014}\r]{0,12}") {
            if is_tidy_line(&line) {
                proptest::prop_assert_eq!(line.split_whitespace().collect::<Vec<_>>().join(" "), line);
            }
        }
    }

    #[test]
    fn lines_with_odd_spacing_are_tidied() {
        assert!(is_tidy_line("Salary: $50,000 — a year"));
        for untidy in ["", " lead", "trail ", "two  spaces", "tab\there", "nbsp\u{a0}here", "em\u{2003}space"] {
            assert!(!is_tidy_line(untidy), "{untidy:?}");
        }
        assert_eq!(tidy("  a \u{a0} b  \n\n\n c\t d "), "a b\n\nc d");
    }

    #[test]
    fn collects_html_anchor_targets() {
        let plain = to_plain_text("Apply <a href=\"https://example.org/apply\">here</a>.");
        assert_eq!(plain.links, vec![(String::new(), "https://example.org/apply".to_owned())]);
        assert_eq!(plain.text, "Apply here.");
    }
}
