//! Email messages (`.eml`, RFC 5322 with MIME), parsed by `mail-parser`
//! (quoted-printable, base64, encoded words and character sets decoded
//! there). Steps, in order:
//!
//! 1. **Headers.** `Subject` is the title, without any run of `Re:`,
//!    `Fwd:`, `Fw:`, `AW:`, `WG:` in front; the `Date` header is the date
//!    (its calendar day as written) when the text has no date line of its
//!    own (a forwarded story keeps its date); `From` is the credit (the
//!    sender's name, else the address).
//! 2. **Body.** The first `text/plain` part, read as raw text (blank lines
//!    between paragraphs; hard-wrapped lines are joined by the raw rules);
//!    else the first `text/html` part, read as a saved page
//!    ([`super::html`]; the Subject still wins over the page's title).
//! 3. **Residue** in a plain-text body ([`EMAIL_RULES`], in order, tried at
//!    each line; each dropped line is counted for `check`):
//!    1. `quoted reply`: a line starting `>`.
//!    2. `forwarded headers`: a forwarding marker (`---------- Forwarded
//!       message ---------`, `Begin forwarded message:`, `-----Original
//!       Message-----`) and the `From:`/`Date:`/`Sent:`/`Subject:`/`To:`/
//!       `Cc:`/`Reply-To:` lines after it.
//!    3. `signature`: the `-- ` signature delimiter (also `--`) and every
//!       line after it; a lone `Sent from my …` line.
//! 4. **Wrapped lines.** When the body was wrapped by the mail program
//!    (its longest line is 60 to 80 characters), a line of a paragraph
//!    that the next word would not have fitted on joins the next line,
//!    unless that line is a question (ends in `?`, at most 16 words): mail
//!    programs wrap every paragraph, so a full line never ends one. Other
//!    lines are left to the raw rules' own joining.
//! 5. **Headline.** A first paragraph that repeats the title is the
//!    title, not text.
//! 6. **Attachments** are listed (name and size) for `check`, never read.

use super::{Converted, Origin, Piece, Unread, collapse};
use mail_parser::{MessageParser, MimeHeaders, PartType};

/// Reads an email message.
pub fn read(bytes: &[u8]) -> Result<Converted, Unread> {
    let Some(message) = MessageParser::default().parse(bytes) else {
        return Err(Unread::Broken(
            "is not an email message (no headers or body could be read); \
             save the message again from the mail program as .eml"
                .into(),
        ));
    };
    if message.from().is_none() && message.subject().is_none() && message.date().is_none() {
        return Err(Unread::Broken(
            "has no From, Subject or Date header, so it is not an email message; \
             save the message again from the mail program as .eml"
                .into(),
        ));
    }
    let plain = message.text_bodies().find_map(|p| match &p.body {
        PartType::Text(text) => Some(text.to_string()),
        _ => None,
    });
    let html = message.html_bodies().find_map(|p| match &p.body {
        PartType::Html(html) => Some(html.to_string()),
        _ => None,
    });
    let mut converted = match (plain, html) {
        (Some(text), _) => plain_text(&text),
        (None, Some(html)) => super::html::read(&html)?,
        (None, None) => Converted::default(),
    };
    if let Some(subject) = message.subject().map(strip_reply_prefixes) {
        if !subject.is_empty() {
            converted.title = Some((subject, "markup title: Subject header"));
        }
    }
    converted.fallback_date = message.date().and_then(|d| {
        chrono::NaiveDate::from_ymd_opt(i32::from(d.year), d.month.into(), d.day.into())
    });
    converted.credit = message
        .from()
        .and_then(|from| from.first())
        .and_then(|addr| {
            addr.name
                .as_deref()
                .map(collapse)
                .filter(|n| !n.is_empty())
                .or_else(|| addr.address.as_deref().map(str::to_string))
        });
    // Rule 4: a first paragraph repeating the title is the title.
    if let (Some((title, _)), Some(first)) = (&converted.title, converted.paragraphs.first())
        && collapse(&first.text).eq_ignore_ascii_case(title)
    {
        converted.paragraphs.remove(0);
    }
    for part in message.attachments() {
        let name = part.attachment_name().unwrap_or("unnamed");
        converted.notes.push(format!(
            "attachment listed, not read: {} ({})",
            name,
            crate::text::human_size(part.len() as u64)
        ));
    }
    Ok(converted)
}

/// Rule 1: the subject without reply and forward prefixes.
pub fn strip_reply_prefixes(subject: &str) -> String {
    let mut rest = subject.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let cut = ["re:", "fwd:", "fw:", "aw:", "wg:"]
            .iter()
            .find(|p| lower.starts_with(**p))
            .map(|p| p.len());
        match cut {
            Some(n) => rest = rest[n..].trim_start(),
            None => return collapse(rest),
        }
    }
}

/// One residue rule for plain-text bodies: how many lines from `at` it
/// drops (0 when it does not apply).
pub struct EmailRule {
    pub name: &'static str,
    lines: fn(&[&str], usize) -> usize,
}

const HEADER_KEYS: &[&str] = &[
    "from:",
    "date:",
    "sent:",
    "subject:",
    "to:",
    "cc:",
    "reply-to:",
];

/// The plain-text residue rules, in order (rule 3 of the module doc).
pub const EMAIL_RULES: &[EmailRule] = &[
    EmailRule {
        name: "quoted reply",
        lines: |lines, at| usize::from(lines[at].trim_start().starts_with('>')),
    },
    EmailRule {
        name: "forwarded headers",
        lines: |lines, at| {
            let marker = lines[at].trim().to_ascii_lowercase();
            let is_marker = (marker.starts_with("---") || marker.starts_with("___"))
                && (marker.contains("forwarded") || marker.contains("original message"))
                || marker == "begin forwarded message:";
            if !is_marker {
                return 0;
            }
            let headers = lines[at + 1..]
                .iter()
                .take_while(|l| {
                    let l = l.trim().to_ascii_lowercase();
                    HEADER_KEYS.iter().any(|k| l.starts_with(k))
                })
                .count();
            1 + headers
        },
    },
    EmailRule {
        name: "signature",
        lines: |lines, at| {
            let line = lines[at];
            if line == "-- " || line.trim_end() == "--" {
                lines.len() - at
            } else {
                usize::from(line.trim().starts_with("Sent from my "))
            }
        },
    },
];

/// Rule 3, then paragraphs between blank lines (their lines kept, for the
/// raw rules to join).
fn plain_text(text: &str) -> Converted {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut converted = Converted::default();
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let mut at = 0;
    while at < lines.len() {
        let dropped = EMAIL_RULES
            .iter()
            .find_map(|rule| match (rule.lines)(&lines, at) {
                0 => None,
                n => Some((rule.name, n)),
            });
        match dropped {
            Some((name, n)) => {
                let written = lines[at..at + n].iter().filter(|l| !l.trim().is_empty());
                converted.drop_lines(name, written.count());
                at += n;
            }
            None => {
                kept.push(lines[at]);
                at += 1;
            }
        }
    }
    let width = kept
        .iter()
        .map(|l| l.trim_end().chars().count())
        .max()
        .unwrap_or(0);
    let wrapped = (60..=80).contains(&width);
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, converted: &mut Converted| {
        if !paragraph.is_empty() {
            converted.paragraphs.push(Piece {
                text: unwrap(paragraph, wrapped.then_some(width)),
                origin: Origin::Text,
            });
            paragraph.clear();
        }
    };
    for line in kept {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut paragraph, &mut converted);
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut converted);
    converted
}

/// Rule 4: a paragraph's lines, each full line joined to the next with a
/// space when the body was wrapped at `width`, the rest kept on lines.
fn unwrap(lines: &[&str], width: Option<usize>) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let previous = lines[i - 1];
            let next_word = line
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            let full = width.is_some_and(|w| previous.chars().count() + 1 + next_word > w);
            let question = line.ends_with('?') && line.split_whitespace().count() <= 16;
            out.push(if full && !question { ' ' } else { '\n' });
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(body: &str) -> String {
        format!(
            "From: Desk <desk@example.org>\r\nTo: x@example.org\r\nSubject: RE: Fwd: Ferry news\r\n\
             Date: Wed, 4 Mar 2026 07:30:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}"
        )
    }

    fn texts(c: &Converted) -> Vec<&str> {
        c.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn headers_subject_date_and_from() {
        let c = read(message("The board met.\r\n").as_bytes()).unwrap();
        assert_eq!(
            c.title,
            Some(("Ferry news".into(), "markup title: Subject header"))
        );
        assert_eq!(c.fallback_date, chrono::NaiveDate::from_ymd_opt(2026, 3, 4));
        assert_eq!(c.credit.as_deref(), Some("Desk"));
    }

    #[test]
    fn subject_prefixes_stripped() {
        assert_eq!(
            strip_reply_prefixes("Re: FW:  fwd: Ferry  news"),
            "Ferry news"
        );
        assert_eq!(
            strip_reply_prefixes("Review of the ferry"),
            "Review of the ferry"
        );
    }

    #[test]
    fn body_paragraphs_keep_their_wrapped_lines() {
        let c = read(message("One line\r\nwrapped here.\r\n\r\nTwo.\r\n").as_bytes()).unwrap();
        assert_eq!(texts(&c), ["One line\nwrapped here.", "Two."]);
    }

    #[test]
    fn quoted_reply() {
        let c = read(message("Kept.\r\n> quoted\r\n>> deeper\r\n").as_bytes()).unwrap();
        assert_eq!(texts(&c), ["Kept."]);
        assert_eq!(c.dropped[0].rule, "quoted reply");
        assert_eq!(c.dropped[0].count, 2);
    }

    #[test]
    fn forwarded_headers() {
        let body = "---------- Forwarded message ---------\r\nFrom: A <a@x.org>\r\nDate: Tue, 3 Mar 2026\r\n\
                    Subject: Ferry\r\nTo: B <b@x.org>\r\n\r\nThe story.\r\n";
        let c = read(message(body).as_bytes()).unwrap();
        assert_eq!(texts(&c), ["The story."]);
        assert_eq!(
            (c.dropped[0].rule, c.dropped[0].count),
            ("forwarded headers", 5)
        );
    }

    #[test]
    fn signature() {
        let c = read(message("The story.\r\n\r\n-- \r\nA Person\r\n+44 1\r\n").as_bytes()).unwrap();
        assert_eq!(texts(&c), ["The story."]);
        assert_eq!((c.dropped[0].rule, c.dropped[0].count), ("signature", 3));
        let c = read(message("The story.\r\nSent from my phone\r\n").as_bytes()).unwrap();
        assert_eq!(texts(&c), ["The story."]);
    }

    #[test]
    fn wrapped_lines() {
        let full = "The operator said the late sailing carried fewer than forty passengers.";
        assert_eq!(
            unwrap(
                &[full, "Officials had proposed a water taxi instead"],
                Some(72)
            ),
            format!("{full} Officials had proposed a water taxi instead")
        );
        assert_eq!(
            unwrap(&["Short line.", "Next"], Some(72)),
            "Short line.\nNext"
        );
        assert_eq!(
            unwrap(&[full, "What next?"], Some(72)),
            format!("{full}\nWhat next?")
        );
        assert_eq!(
            unwrap(&[full, "Officials"], None),
            format!("{full}\nOfficials")
        );
    }

    #[test]
    fn headline_repeating_the_subject_is_not_text() {
        let c = read(message("Ferry news\r\n\r\nThe story.\r\n").as_bytes()).unwrap();
        assert_eq!(texts(&c), ["The story."]);
    }

    #[test]
    fn html_body_when_there_is_no_plain_text() {
        let raw = "From: a@example.org\r\nSubject: Ferry news\r\nContent-Type: text/html\r\n\r\n\
                   <html><body><nav>Home</nav><p>The story.</p><script>x()</script></body></html>";
        let c = read(raw.as_bytes()).unwrap();
        assert_eq!(texts(&c), ["The story."]);
        assert_eq!(c.title.as_ref().unwrap().0, "Ferry news");
        assert_eq!(c.credit.as_deref(), Some("a@example.org"));
    }

    #[test]
    fn quoted_printable_and_base64_are_decoded() {
        let raw = "From: a@example.org\r\nSubject: =?utf-8?q?Caf=C3=A9_news?=\r\nMIME-Version: 1.0\r\n\
                   Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
                   The caf=C3=A9 opened at dawn, said the own=\r\ner.\r\n";
        let c = read(raw.as_bytes()).unwrap();
        assert_eq!(c.title.as_ref().unwrap().0, "Café news");
        assert_eq!(texts(&c), ["The café opened at dawn, said the owner."]);
        let raw = "From: a@example.org\r\nSubject: x\r\nContent-Type: text/plain\r\n\
                   Content-Transfer-Encoding: base64\r\n\r\nVGhlIGJvYXJkIG1ldC4=\r\n";
        assert_eq!(texts(&read(raw.as_bytes()).unwrap()), ["The board met."]);
    }

    #[test]
    fn attachments_listed_not_read() {
        let raw = "From: a@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n\
                   Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nBody.\r\n\
                   --b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"plan.pdf\"\r\n\
                   Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";
        let c = read(raw.as_bytes()).unwrap();
        assert_eq!(texts(&c), ["Body."]);
        assert_eq!(c.notes, ["attachment listed, not read: plan.pdf (9 bytes)"]);
    }

    #[test]
    fn garbage_is_broken_not_a_panic() {
        assert!(matches!(read(b""), Err(Unread::Broken(_))));
        assert!(matches!(
            read(b"\x00\xff\xfe garbage \x00"),
            Err(Unread::Broken(_))
        ));
    }
}
