//! The built-in theme's pages that a site has many of (each briefing's
//! page, the volumes of the print book, the pages of the index and of the
//! questions index, each entity's page), written straight from their views
//! in Rust.
//!
//! Through Tera, every page first turns its view into a tree of JSON values
//! and then looks each name up in that tree: at 10,000 briefings this was
//! most of a build's time. These functions write the same bytes as those
//! pages' templates (with `base.html` and the partials they include)
//! rendered by Tera, and are used only for a page whose templates
//! are all built in: a site that overrides any one of them gets Tera for
//! that page, so a theme can still change everything.
//!
//! A comment opening an included template keeps the newline after it
//! (Tera does not trim there), so those partials start with `\n` here too.
//!
//! The templates stay the one description of the theme; this module
//! follows them, construct by construct, and `tests/native_theme.rs`
//! builds several sites both ways (`--tera-only`) and compares the bytes, so
//! a template edited without this module fails the build's tests.

use super::views::{
    BriefingView, CardView, EntityPageView, LinkView, PageLink, PaginationView, SiteView, TagRef,
    VolumeView,
};
use crate::text::push_escaped as text;

/// What every page's context holds besides its own values.
pub struct PageContext<'a> {
    pub site: &'a SiteView,
    /// `page` in the templates: `"briefing"`, `"print"`...
    pub page: &'a str,
    pub root: String,
    pub canonical: Option<String>,
}

impl PageContext<'_> {
    /// The context of the page `page` at `path`, as `render::context` gives Tera.
    pub fn of<'a>(site: &'a SiteView, page: &'a str, path: &str) -> PageContext<'a> {
        PageContext {
            site,
            page,
            root: super::paths::root_of(path),
            canonical: super::paths::canonical(site.base_url.as_deref(), path),
        }
    }

    fn canonical(&self) -> Option<&str> {
        self.canonical.as_deref().filter(|c| !c.is_empty())
    }
}

/// The values of `briefing.html`.
pub struct BriefingPage<'a> {
    pub briefing: &'a BriefingView,
    pub prev: Option<&'a LinkView>,
    pub next: Option<&'a LinkView>,
}

/// The values of `print.html`.
pub struct PrintPage<'a> {
    pub volume: &'a VolumeView,
    pub briefings: &'a [BriefingView],
}

/// A briefing's page, as `briefing.html` renders it.
pub fn briefing_page(out: &mut String, ctx: &PageContext, page: &BriefingPage) {
    let b = page.briefing;
    let site = ctx.site;
    base(out, ctx, &|out, block| match block {
        Block::Title => {
            text(out, &b.title);
            out.push_str(" · ");
            text(out, &site.title);
        }
        Block::Description => {
            if let Some(teaser) = truthy(&b.teaser) {
                meta_description(out, teaser);
            } else if let Some(description) = truthy(&site.description) {
                meta_description(out, description);
            }
        }
        Block::Social => {
            open_graph(out, ctx, "article", &b.title, truthy(&b.teaser));
            if let Some(date) = truthy(&b.date) {
                meta_tag(out, "property", "article:published_time", date);
            }
            for tag in &b.tag_links {
                meta_tag(out, "property", "article:tag", &tag.name);
            }
            // twitter:title and twitter:description fall back to the
            // Open Graph tags above.
            meta_tag(out, "name", "twitter:card", "summary");
        }
        Block::Head => {
            if let Some(json_ld) = &b.json_ld {
                out.push_str("<script type=\"application/ld+json\">\n");
                out.push_str(&json_ld.html);
                out.push_str("\n</script>\n");
            }
        }
        Block::Main => {
            briefing_body(out, b, 1, false, &ctx.root);
            if page.prev.is_some() || page.next.is_some() {
                out.push_str("\n<nav class=\"pager\" aria-label=\"More briefings\">\n");
                if let Some(prev) = page.prev {
                    out.push_str("<a class=\"pager-link pager-prev\" rel=\"prev\" href=\"");
                    text(out, &ctx.root);
                    text(out, &prev.url);
                    wrap(
                        out,
                        "\"><span class=\"pager-label\">Previous</span> <span class=\"pager-title\">",
                        &prev.title,
                        "</span></a>",
                    );
                }
                out.push('\n');
                if let Some(next) = page.next {
                    out.push_str("<a class=\"pager-link pager-next\" rel=\"next\" href=\"");
                    text(out, &ctx.root);
                    text(out, &next.url);
                    out.push_str(
                        "\"><span class=\"pager-label\">Next</span> <span class=\"pager-title\">",
                    );
                    text(out, &next.title);
                    out.push_str("</span></a>");
                }
                out.push_str("\n</nav>");
            }
            out.push('\n');
        }
    });
}

/// One volume of the print book, as `print.html` renders it.
pub fn print_page(out: &mut String, ctx: &PageContext, page: &PrintPage) {
    let site = ctx.site;
    let volume = page.volume;
    base(out, ctx, &|out, block| match block {
        Block::Title => {
            text(out, &site.title);
            out.push_str(" · Print edition");
            if volume.count > 1 {
                out.push_str(" · Volume ");
                number(out, volume.number);
            }
        }
        Block::Description | Block::Social | Block::Head => base_block(out, ctx, block),
        Block::Main => print_main(out, ctx, page),
    });
}

fn print_main(out: &mut String, ctx: &PageContext, page: &PrintPage) {
    let site = ctx.site;
    let volume = page.volume;
    wrap(
        out,
        "\n<header class=\"cover\">\n<p class=\"cover-kicker\">Briefing book</p>\n<h1 class=\"cover-title\">",
        &site.title,
        "</h1>\n",
    );
    if let Some(description) = truthy(&site.description) {
        wrap(out, "<p class=\"cover-description\">", description, "</p>");
    }
    out.push_str("\n<p class=\"cover-count\">");
    counts(out, site);
    out.push_str("</p>");
    if volume.count > 1 {
        out.push_str("\n<p class=\"cover-volume\">Volume ");
        number(out, volume.number);
        out.push_str(" of ");
        number(out, volume.count);
        out.push_str(" · briefings ");
        number(out, volume.first);
        out.push('–');
        number(out, volume.last);
        out.push_str("</p>\n<nav class=\"print-hint volume-list\" aria-label=\"Volumes\">\n<p>The site is printed in ");
        number(out, volume.count);
        out.push_str(
            " volumes; use your browser’s Print command on each for a paper copy or a PDF.</p>",
        );
        page_numbers(out, &volume.volumes, &ctx.root);
        out.push_str("\n</nav>");
    } else {
        out.push_str("\n<p class=\"print-hint\">This page is the whole site as one document: use your browser’s Print command to get a paper copy or a PDF.</p>");
    }
    out.push_str("\n</header>");
    if page.briefings.is_empty() {
        out.push_str("\n<p class=\"empty\">No briefings yet.</p>");
    } else {
        out.push_str("\n<nav class=\"book-toc\" aria-label=\"Contents\">\n<h2 class=\"book-toc-title\">Contents</h2>\n<ol class=\"book-toc-list\"");
        if volume.first > 1 {
            out.push_str(" style=\"counter-reset: briefing ");
            number(out, volume.first - 1);
            out.push('"');
        }
        out.push('>');
        for b in page.briefings {
            out.push_str("\n<li><a class=\"book-toc-briefing\" href=\"#");
            optional(out, &b.id);
            wrap(out, "\">", &b.title, "</a>");
            if let Some(date) = truthy(&b.date) {
                wrap(out, " <time datetime=\"", date, "\">");
                optional(out, &b.date_display);
                out.push_str("</time>");
            }
            if !b.toc.is_empty() {
                out.push_str("\n<ol>");
                toc_entries(out, b);
                out.push_str("\n</ol>");
            }
            out.push_str("</li>");
        }
        out.push_str("\n</ol>\n</nav>\n<div class=\"book\">");
        for b in page.briefings {
            briefing_body(out, b, 2, true, &ctx.root);
        }
        out.push_str("\n</div>");
    }
    out.push('\n');
}

/// The values of `index.html` and `questions.html`: one page of a list.
pub struct ListPage<'a> {
    pub briefings: &'a [CardView],
    pub pagination: &'a PaginationView,
}

/// A page of the index, as `index.html` renders it.
pub fn index_page(out: &mut String, ctx: &PageContext, page: &ListPage) {
    let site = ctx.site;
    let pagination = page.pagination;
    base(out, ctx, &|out, block| match block {
        Block::Main => {
            wrap(
                out,
                "\n<header class=\"page-header\">\n<h1 class=\"page-title\">",
                &site.title,
                "</h1>\n",
            );
            if let Some(description) = truthy(&site.description) {
                wrap(out, "<p class=\"standfirst\">", description, "</p>");
            }
            out.push_str("\n<p class=\"page-count\">");
            if pagination.total > 1 {
                out.push_str("Page ");
                number(out, pagination.current);
                out.push_str(" of ");
                number(out, pagination.total);
                out.push_str(" · ");
            }
            counts(out, site);
            out.push_str("</p>\n</header>");
            if page.briefings.is_empty() {
                out.push_str("\n<p class=\"empty\">No briefings yet.</p>");
            } else {
                out.push_str("\n<ol class=\"briefing-list\">");
                for card in page.briefings {
                    out.push_str("\n<li>\n");
                    card_article(out, card, &ctx.root);
                    out.push_str("\n</li>");
                }
                out.push_str("\n</ol>");
                pagination_nav(out, pagination, &ctx.root);
            }
            out.push('\n');
        }
        _ => base_block(out, ctx, block),
    });
}

/// A page of the questions index, as `questions.html` renders it.
pub fn questions_page(out: &mut String, ctx: &PageContext, page: &ListPage) {
    let site = ctx.site;
    let pagination = page.pagination;
    let root = &ctx.root;
    base(out, ctx, &|out, block| match block {
        Block::Title => {
            out.push_str("Questions · ");
            text(out, &site.title);
        }
        Block::Main => {
            out.push_str("\n<header class=\"page-header\">\n<h1 class=\"page-title\">Questions answered</h1>\n<p class=\"standfirst\">Every question the briefings answer, with the short answer. Follow a question for the full story.</p>\n");
            if pagination.total > 1 {
                out.push_str("<p class=\"page-count\">Page ");
                number(out, pagination.current);
                out.push_str(" of ");
                number(out, pagination.total);
                out.push_str("</p>");
            }
            out.push_str("\n</header>");
            let mut groups = 0;
            for b in page.briefings.iter().filter(|b| !b.questions.is_empty()) {
                groups += 1;
                out.push_str(
                    "\n<section class=\"question-group\">\n<h2 class=\"group-title\"><a href=\"",
                );
                text(out, root);
                text(out, &b.url);
                wrap(out, "\">", &b.title, "</a></h2>");
                meta(out, &b.date, &b.date_display, &b.authors, &b.credit);
                out.push_str("\n<ul class=\"qa-list\">");
                for q in &b.questions {
                    out.push_str("\n<li class=\"qa depth-");
                    number(out, q.depth.into());
                    out.push_str("\"><a class=\"qa-question\" href=\"");
                    text(out, root);
                    text(out, &b.url);
                    out.push('#');
                    text(out, &q.id);
                    wrap(out, "\">", &q.heading, "</a>");
                    if let Some(answer) = truthy(&q.short_answer) {
                        wrap(out, "\n<p class=\"qa-answer\">", answer, "</p>");
                    }
                    out.push_str("</li>");
                }
                out.push_str("\n</ul>\n</section>");
            }
            out.push('\n');
            if groups == 0 && pagination.total == 1 {
                out.push_str("<p class=\"empty\">No questions yet.</p>");
            }
            pagination_nav(out, pagination, root);
            out.push('\n');
        }
        _ => base_block(out, ctx, block),
    });
}

/// An entity's page, as `entity.html` renders it.
pub fn entity_page(
    out: &mut String,
    ctx: &PageContext,
    entity: &EntityPageView,
    pagination: &PaginationView,
) {
    let site = ctx.site;
    let root = &ctx.root;
    base(out, ctx, &|out, block| match block {
        Block::Title => {
            text(out, &entity.name);
            out.push_str(" · ");
            text(out, &site.title);
        }
        Block::Description => {
            wrap(
                out,
                "<meta name=\"description\" content=\"",
                entity.kind_label,
                ": ",
            );
            text(out, &entity.name);
            if let Some(description) = truthy(&entity.description) {
                out.push_str(". ");
                text(out, description);
            }
            out.push_str("\">");
        }
        Block::Main => {
            wrap(
                out,
                "\n<article class=\"entity\">\n<header class=\"page-header\">\n<p class=\"kicker\">",
                entity.kind_label,
                "</p>\n<h1 class=\"page-title\">",
            );
            text(out, &entity.name);
            out.push_str("</h1>");
            if !entity.roles.is_empty() {
                wrap(
                    out,
                    "<p class=\"entity-roles\">",
                    &entity.roles.join(" · "),
                    "</p>",
                );
            }
            if let Some(description) = truthy(&entity.description) {
                wrap(out, "<p class=\"standfirst\">", description, "</p>");
            }
            if !entity.aliases.is_empty() {
                wrap(
                    out,
                    "<p class=\"entity-aliases\">Also written as ",
                    &entity.aliases.join(", "),
                    "</p>",
                );
            }
            if let Some(link) = truthy(&entity.link) {
                wrap(out, "<p class=\"entity-link-out\"><a href=\"", link, "\">");
                text(out, link);
                out.push_str("</a></p>");
            }
            out.push_str("\n</header>\n<section class=\"entity-mentions\">\n<h2>Mentioned in</h2>\n<ul class=\"mention-list\">");
            for m in &entity.mentions {
                out.push_str("\n<li>");
                link(out, root, &m.url, &m.title);
                if let Some(date) = truthy(&m.date_display) {
                    wrap(out, " <span class=\"related-date\">", date, "</span>");
                }
                wrap(
                    out,
                    "\n<p class=\"mention-sentence\">",
                    &m.sentence,
                    "</p></li>",
                );
            }
            out.push_str("\n</ul>\n</section>");
            if !entity.quotes.is_empty() {
                out.push_str("\n<section class=\"entity-quotes\">\n<h2>Quotes</h2>");
                for q in &entity.quotes {
                    wrap(
                        out,
                        "\n<figure class=\"quote\">\n<blockquote><p>",
                        &q.text,
                        "</p></blockquote>\n<figcaption>In <a href=\"",
                    );
                    text(out, root);
                    text(out, &q.url);
                    wrap(out, "\">", &q.title, "</a></figcaption>\n</figure>");
                }
                out.push_str("\n</section>");
            }
            out.push_str("\n</article>");
            pagination_nav(out, pagination, root);
        }
        _ => base_block(out, ctx, block),
    });
}

/// "N briefings · M questions answered".
fn counts(out: &mut String, site: &SiteView) {
    number(out, site.briefing_count);
    out.push_str(" briefing");
    if site.briefing_count != 1 {
        out.push('s');
    }
    out.push_str(" · ");
    number(out, site.question_count);
    out.push_str(" question");
    if site.question_count != 1 {
        out.push('s');
    }
    out.push_str(" answered");
}

/// `partials/card.html`.
fn card_article(out: &mut String, b: &CardView, root: &str) {
    out.push_str("\n<article class=\"card\">\n<h2 class=\"card-title\">");
    link(out, root, &b.url, &b.title);
    out.push_str("</h2>");
    meta(out, &b.date, &b.date_display, &b.authors, &b.credit);
    out.push('\n');
    if let Some(teaser) = truthy(&b.teaser) {
        wrap(out, "<p class=\"teaser\">", teaser, "</p>");
    }
    out.push('\n');
    tags(out, &b.tag_links, root);
    if !b.questions.is_empty() {
        out.push_str(
            "\n<p class=\"card-label\">Questions answered</p>\n<ul class=\"question-links\">",
        );
        for q in &b.questions {
            out.push_str("\n<li class=\"depth-");
            number(out, q.depth.into());
            out.push_str("\"><a href=\"");
            text(out, root);
            text(out, &b.url);
            out.push('#');
            text(out, &q.id);
            wrap(out, "\">", &q.heading, "</a></li>");
        }
        out.push_str("\n</ul>");
    }
    out.push_str("\n</article>\n");
}

/// `partials/pagination.html`.
fn pagination_nav(out: &mut String, pagination: &PaginationView, root: &str) {
    if pagination.total > 1 {
        out.push_str("\n<nav class=\"pagination\" aria-label=\"Pages\">");
        if let Some(prev) = truthy(&pagination.prev) {
            out.push_str("<a class=\"page-prev\" rel=\"prev\" href=\"");
            text(out, root);
            text(out, prev);
            out.push_str("\">Newer</a>");
        }
        page_numbers(out, &pagination.pages, root);
        if let Some(next) = truthy(&pagination.next) {
            out.push_str("<a class=\"page-next\" rel=\"next\" href=\"");
            text(out, root);
            text(out, next);
            out.push_str("\">Older</a>");
        }
        out.push_str("\n</nav>");
    }
    out.push('\n');
}

/// The blocks `base.html` lets a page fill.
#[derive(Clone, Copy)]
enum Block {
    Title,
    Description,
    Social,
    Head,
    Main,
}

/// `base.html`, with `blocks` writing each block.
fn base(out: &mut String, ctx: &PageContext, blocks: &dyn Fn(&mut String, Block)) {
    head(out, ctx, blocks);
    site_header(out, ctx);
    blocks(out, Block::Main);
    site_footer(out, ctx);
}

/// `base.html` from its doctype to the end of the `head` block.
fn head(out: &mut String, ctx: &PageContext, blocks: &dyn Fn(&mut String, Block)) {
    let site = ctx.site;
    let root = &ctx.root;
    wrap(
        out,
        "<!DOCTYPE html>\n<html lang=\"",
        &site.language,
        "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<link rel=\"icon\" href=\"",
    );
    text(out, root);
    out.push_str("static/favicon.svg\" type=\"image/svg+xml\">\n<title>");
    blocks(out, Block::Title);
    out.push_str("</title>\n");
    blocks(out, Block::Description);
    wrap(
        out,
        "\n<link rel=\"stylesheet\" href=\"",
        root,
        "static/style.css\">\n",
    );
    if let Some(canonical) = ctx.canonical() {
        wrap(out, "<link rel=\"canonical\" href=\"", canonical, "\">\n");
    }
    if site.has_feed {
        wrap(
            out,
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"",
            &site.title,
            "\" href=\"",
        );
        text(out, root);
        out.push_str("atom.xml\">\n");
    }
    blocks(out, Block::Social);
    wrap(
        out,
        "<script defer src=\"",
        root,
        "static/search.js\"></script>\n",
    );
    blocks(out, Block::Head);
}

/// `base.html` from the end of `head` to the opening of `main`: the skip
/// link, the site header and its navigation, the search box.
fn site_header(out: &mut String, ctx: &PageContext) {
    let site = ctx.site;
    let root = &ctx.root;
    wrap(
        out,
        "\n</head>\n<body class=\"page-",
        ctx.page,
        "\">\n<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n<header class=\"site-header\">\n<div class=\"wrap site-header-inner\">\n<a class=\"site-title\" href=\"",
    );
    text(out, root);
    out.push_str("index.html\"");
    current_if(out, ctx.page == "index");
    out.push('>');
    text(out, &site.title);
    wrap(
        out,
        "</a>\n<nav class=\"site-nav\" aria-label=\"Site\">\n<ul>\n<li><a href=\"",
        root,
        "index.html\"",
    );
    current_if(out, ctx.page == "index");
    wrap(
        out,
        ">Briefings</a></li>\n<li><a href=\"",
        root,
        "questions/index.html\"",
    );
    current_if(out, ctx.page == "questions");
    wrap(
        out,
        ">Questions</a></li>\n<li><a href=\"",
        root,
        "entities/index.html\"",
    );
    current_if(out, ctx.page == "entities");
    out.push_str(">Who&rsquo;s who</a></li>\n");
    if site.print {
        wrap(out, "<li><a href=\"", root, "print.html\"");
        current_if(out, ctx.page == "print");
        out.push_str(">Print edition</a></li>\n");
    }
    if site.tag_count != 0 {
        wrap(out, "<li><a href=\"", root, "tags/index.html\"");
        current_if(out, ctx.page == "tags" || ctx.page == "tag");
        out.push_str(">Tags</a></li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
    search_box(out, root);
    out.push_str("\n</div>\n</header>\n<main id=\"main\" class=\"wrap\">\n");
}

/// `base.html` after the `main` block: the site footer and its links.
fn site_footer(out: &mut String, ctx: &PageContext) {
    let site = ctx.site;
    let root = &ctx.root;
    wrap(
        out,
        "\n</main>\n<footer class=\"site-footer\">\n<div class=\"wrap\">\n<p class=\"site-footer-title\">",
        &site.title,
        "</p>\n",
    );
    if let Some(description) = truthy(&site.description) {
        wrap(
            out,
            "<p class=\"site-footer-description\">",
            description,
            "</p>",
        );
    }
    out.push_str("\n<nav class=\"footer-nav\" aria-label=\"Footer\">\n<ul>\n");
    // The header's links are not repeated here.
    for (path, label) in [("tags/index.html", "Tags"), ("search/index.html", "Search")] {
        out.push_str("<li><a href=\"");
        text(out, root);
        out.push_str(path);
        out.push_str("\">");
        out.push_str(label);
        out.push_str("</a></li>\n");
    }
    if site.has_feed {
        wrap(
            out,
            "<li><a href=\"",
            root,
            "atom.xml\">Atom feed</a></li>\n",
        );
    }
    out.push_str("</ul>\n</nav>\n</div>\n</footer>\n</body>\n</html>\n");
}

/// The Open Graph tags that open the `social` block of both `base.html`
/// and `briefing.html`: site name, type, title, description, canonical URL.
fn open_graph(
    out: &mut String,
    ctx: &PageContext,
    kind: &str,
    title: &str,
    description: Option<&str>,
) {
    meta_tag(out, "property", "og:site_name", &ctx.site.title);
    meta_tag(out, "property", "og:type", kind);
    meta_tag(out, "property", "og:title", title);
    if let Some(description) = description {
        meta_tag(out, "property", "og:description", description);
    }
    if let Some(canonical) = ctx.canonical() {
        meta_tag(out, "property", "og:url", canonical);
    }
}

/// The blocks as `base.html` fills them when a page leaves them alone.
fn base_block(out: &mut String, ctx: &PageContext, block: Block) {
    let site = ctx.site;
    match block {
        Block::Title => text(out, &site.title),
        Block::Description => {
            if let Some(description) = truthy(&site.description) {
                meta_description(out, description);
            }
        }
        Block::Social => {
            open_graph(out, ctx, "website", &site.title, truthy(&site.description));
            meta_tag(out, "name", "twitter:card", "summary");
        }
        Block::Head | Block::Main => {}
    }
}

fn meta_description(out: &mut String, content: &str) {
    wrap(out, "<meta name=\"description\" content=\"", content, "\">");
}

/// `<meta ATTRIBUTE="NAME" content="CONTENT">` and a newline.
fn meta_tag(out: &mut String, attribute: &str, name: &str, content: &str) {
    out.push_str("<meta ");
    out.push_str(attribute);
    out.push_str("=\"");
    out.push_str(name);
    wrap(out, "\" content=\"", content, "\">\n");
}

fn current_if(out: &mut String, current: bool) {
    if current {
        out.push_str(" aria-current=\"page\"");
    }
}

/// `partials/search_box.html`.
fn search_box(out: &mut String, root: &str) {
    wrap(
        out,
        "\n<form class=\"site-search\" role=\"search\" action=\"",
        root,
        "search/index.html\" method=\"get\" data-search-root=\"",
    );
    text(out, root);
    out.push_str("\">\n<label class=\"visually-hidden\" for=\"site-search-q\">Search briefings</label>\n<input class=\"site-search-input\" id=\"site-search-q\" type=\"search\" name=\"q\" placeholder=\"Search briefings\" autocomplete=\"off\" spellcheck=\"false\">\n<button class=\"site-search-button\" type=\"submit\">Search</button>\n</form>\n");
}

/// `partials/page_numbers.html`.
fn page_numbers(out: &mut String, numbers: &[PageLink], root: &str) {
    out.push_str("\n<ol class=\"page-numbers\">");
    for p in numbers {
        match p.number.filter(|&n| n != 0) {
            Some(n) => {
                out.push_str("\n<li>");
                if p.current {
                    out.push_str("<span aria-current=\"page\">");
                    number(out, n);
                    out.push_str("</span>");
                } else {
                    out.push_str("<a href=\"");
                    text(out, root);
                    optional(out, &p.url);
                    out.push_str("\">");
                    number(out, n);
                    out.push_str("</a>");
                }
                out.push_str("</li>");
            }
            None => out.push_str("\n<li class=\"page-gap\" aria-hidden=\"true\">…</li>"),
        }
    }
    out.push_str("\n</ol>\n");
}

/// `partials/briefing_body.html`.
fn briefing_body(
    out: &mut String,
    b: &BriefingView,
    heading_base: usize,
    in_book: bool,
    root: &str,
) {
    out.push_str("\n<article class=\"briefing\"");
    if let Some(id) = truthy(&b.id) {
        out.push_str(" id=\"");
        text(out, id);
        out.push('"');
    }
    out.push_str(">\n<header class=\"briefing-header\">\n<h");
    number(out, heading_base);
    wrap(out, " class=\"briefing-title\">", &b.title, "</h");
    number(out, heading_base);
    out.push('>');
    meta(out, &b.date, &b.date_display, &b.authors, &b.credit);
    out.push('\n');
    if let Some(summary) = truthy(&b.summary) {
        wrap(out, "<p class=\"summary\">", summary, "</p>");
    }
    out.push('\n');
    tags(out, &b.tag_links, root);
    out.push_str("\n</header>");
    for caption in &b.captions {
        out.push_str("\n<figure class=\"photo\"><figcaption>");
        text(out, &caption.text);
        if let Some(credit) = truthy(&caption.credit) {
            wrap(out, " <span class=\"credit\">", credit, "</span>");
        }
        out.push_str("</figcaption></figure>");
    }
    if !b.lead.is_empty() {
        out.push_str("\n<div class=\"lead\">\n");
        paragraphs(out, &b.lead);
        out.push_str("\n</div>");
    }
    glance(out, b, heading_base);
    if !in_book && b.glance.is_empty() {
        toc(out, b, heading_base);
    }
    for section in &b.sections {
        let level = heading_base + usize::from(section.depth);
        wrap(
            out,
            "\n<section class=\"section section-",
            section.kind,
            " depth-",
        );
        number(out, section.depth.into());
        wrap(out, "\" id=\"", &section.id, "\">\n<h");
        number(out, level);
        wrap(
            out,
            " class=\"section-heading\" id=\"",
            &section.id,
            "_h\">",
        );
        wrap(out, "", &section.heading, "</h");
        number(out, level);
        out.push_str(">\n");
        paragraphs(out, &section.paragraphs);
        out.push_str("\n</section>");
    }
    context(out, b, heading_base, root);
    let credit = truthy(&b.credit);
    if credit.is_some() || !b.author_notes.is_empty() {
        out.push_str("\n<footer class=\"briefing-footer\">");
        for note in &b.author_notes {
            wrap(out, "\n<p class=\"author-note\">", note, "</p>");
        }
        if let Some(credit) = credit {
            wrap(out, "\n<p class=\"closing-credit\">", credit, "</p>");
        }
        out.push_str("\n</footer>");
    }
    out.push_str("\n</article>\n");
}

fn paragraphs(out: &mut String, paragraphs: &[super::views::ParagraphView]) {
    for p in paragraphs {
        if p.block {
            out.push_str(&p.html);
        } else {
            out.push_str("<p>");
            out.push_str(&p.html);
            out.push_str("</p>");
        }
    }
}

/// `partials/meta.html`.
fn meta(
    out: &mut String,
    date: &Option<String>,
    date_display: &Option<String>,
    authors: &Option<String>,
    credit: &Option<String>,
) {
    let date = truthy(date);
    let authors = truthy(authors);
    let credit = truthy(credit);
    out.push('\n');
    if date.is_some() || authors.is_some() || credit.is_some() {
        out.push_str("<p class=\"meta\">");
        if let Some(date) = date {
            wrap(out, "<time datetime=\"", date, "\">");
            optional(out, date_display);
            out.push_str("</time>");
        }
        if date.is_some() && authors.is_some() {
            out.push_str("<span class=\"sep\" aria-hidden=\"true\"> · </span>");
        }
        if let Some(authors) = authors {
            wrap(out, "<span class=\"authors\">By ", authors, "</span>");
        }
        if (date.is_some() || authors.is_some()) && credit.is_some() {
            out.push_str("<span class=\"sep\" aria-hidden=\"true\"> · </span>");
        }
        if let Some(credit) = credit {
            wrap(out, "<span class=\"byline\">", credit, "</span>");
        }
        out.push_str("</p>");
    }
    out.push('\n');
}

/// `partials/tags.html`.
fn tags(out: &mut String, tag_links: &[TagRef], root: &str) {
    out.push('\n');
    if !tag_links.is_empty() {
        out.push_str("<ul class=\"tags\" aria-label=\"Tags\">");
        for tag in tag_links {
            out.push_str("<li>");
            link_or_text(out, root, &tag.url, &tag.name);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push('\n');
}

/// `partials/glance.html`.
fn glance(out: &mut String, b: &BriefingView, heading_base: usize) {
    if !b.glance.is_empty() {
        let level = heading_base + 1;
        out.push_str("\n<aside class=\"glance\" aria-label=\"At a glance\">\n<h");
        number(out, level);
        out.push_str(" class=\"glance-title\">At a glance</h");
        number(out, level);
        out.push_str(">\n<ul class=\"glance-list\">");
        for q in &b.glance {
            out.push_str("\n<li class=\"glance-item depth-");
            number(out, q.depth.into());
            if !q.is_question {
                out.push_str(" glance-statement");
            }
            wrap(
                out,
                "\"><a class=\"glance-question\" href=\"#",
                &q.id,
                "\">",
            );
            text(out, &q.heading);
            out.push_str("</a>");
            if let Some(answer) = truthy(&q.short_answer) {
                out.push_str("\n<p class=\"glance-answer");
                if q.answer_guessed {
                    out.push_str(" guessed");
                }
                out.push_str("\">");
                text(out, answer);
                if q.answer_guessed {
                    out.push_str(
                        " <span class=\"guessed-note\">(first sentence of the answer)</span>",
                    );
                }
                out.push_str("</p>");
            }
            out.push_str("</li>");
        }
        out.push_str("\n</ul>\n</aside>");
    }
    out.push('\n');
}

/// `partials/toc.html`.
fn toc(out: &mut String, b: &BriefingView, heading_base: usize) {
    if b.sections.len() > 1 {
        let level = heading_base + 1;
        out.push_str("\n<nav class=\"toc\" aria-label=\"In this briefing\">\n<h");
        number(out, level);
        out.push_str(" class=\"toc-title\">In this briefing</h");
        number(out, level);
        out.push_str(">\n<ol class=\"toc-list\">");
        toc_entries(out, b);
        out.push_str("\n</ol>\n</nav>");
    }
    out.push('\n');
}

/// The nested list items of a briefing's contents, shared by `toc.html`
/// and the book's contents in `print.html`.
fn toc_entries(out: &mut String, b: &BriefingView) {
    for entry in &b.toc {
        wrap(out, "\n<li><a href=\"#", &entry.id, "\">");
        text(out, &entry.heading);
        out.push_str("</a>");
        if !entry.children.is_empty() {
            out.push_str("\n<ol>");
            for child in &entry.children {
                wrap(out, "\n<li><a href=\"#", &child.id, "\">");
                text(out, &child.heading);
                out.push_str("</a></li>");
            }
            out.push_str("\n</ol>");
        }
        out.push_str("</li>");
    }
}

/// `partials/context.html`.
fn context(out: &mut String, b: &BriefingView, heading_base: usize, root: &str) {
    let level = heading_base + 1;
    let title = |out: &mut String, kind: &str, label: &str| {
        out.push_str("\n<h");
        number(out, level);
        out.push_str(" class=\"context-title\" id=\"");
        text(out, &b.id_prefix);
        out.push_str(kind);
        out.push_str("-title\">");
        out.push_str(label);
        out.push_str("</h");
        number(out, level);
        out.push('>');
    };
    let labelled_by = |out: &mut String, tag: &str, kind: &str| {
        out.push_str("\n<");
        out.push_str(tag);
        out.push_str(" class=\"context-box ");
        out.push_str(kind);
        out.push_str("\" aria-labelledby=\"");
        text(out, &b.id_prefix);
        out.push_str(kind);
        out.push_str("-title\">");
    };
    if !(b.who.is_empty() && b.quotes.is_empty() && b.figures.is_empty() && b.related.is_empty()) {
        out.push_str("\n<div class=\"context\">");
        if !b.who.is_empty() {
            labelled_by(out, "section", "who");
            title(out, "who", "Who&rsquo;s who");
            out.push_str("\n<ul class=\"who-list\">");
            for e in &b.who {
                out.push_str("\n<li class=\"who-");
                out.push_str(kind_name(e.kind));
                out.push_str("\">");
                if let Some(url) = truthy(&e.url) {
                    link(out, root, url, &e.name);
                } else {
                    wrap(out, "<span class=\"who-name\">", &e.name, "</span>");
                }
                if let Some(role) = truthy(&e.role) {
                    wrap(out, " <span class=\"who-role\">", role, "</span>");
                }
                out.push_str("</li>");
            }
            out.push_str("\n</ul>");
            if !b.places.is_empty() {
                out.push_str("\n<p class=\"places\"><span class=\"places-label\">Places:</span> ");
                for (i, e) in b.places.iter().enumerate() {
                    link_or_text(out, root, &e.url, &e.name);
                    if i + 1 != b.places.len() {
                        out.push_str(", ");
                    }
                }
                out.push_str("</p>");
            }
            out.push_str("\n</section>");
        }
        if !b.quotes.is_empty() {
            labelled_by(out, "section", "quotes");
            title(out, "quotes", "Key quotes");
            for q in &b.quotes {
                wrap(
                    out,
                    "\n<figure class=\"quote\">\n<blockquote><p>",
                    &q.text,
                    "</p></blockquote>\n<figcaption>",
                );
                link_or_text(out, root, &q.speaker.url, &q.speaker.name);
                if let Some(role) = truthy(&q.speaker.role) {
                    wrap(out, ", <span class=\"who-role\">", role, "</span>");
                }
                out.push_str("</figcaption>\n</figure>");
            }
            out.push_str("\n</section>");
        }
        if !b.figures.is_empty() {
            labelled_by(out, "section", "figures");
            title(out, "figures", "By the numbers");
            out.push_str("\n<dl class=\"figure-list\">");
            for f in &b.figures {
                wrap(
                    out,
                    "\n<div class=\"figure-item\"><dt>",
                    &f.value,
                    "</dt><dd>",
                );
                text(out, &f.label);
                out.push_str("</dd></div>");
            }
            out.push_str("\n</dl>\n</section>");
        }
        if !b.related.is_empty() {
            labelled_by(out, "nav", "related");
            title(out, "related", "Related briefings");
            out.push_str("\n<ul class=\"related-list\">");
            for r in &b.related {
                out.push_str("\n<li>");
                link(out, root, &r.url, &r.title);
                if let Some(date) = truthy(&r.date_display) {
                    wrap(out, " <span class=\"related-date\">", date, "</span>");
                }
                if !r.shared.is_empty() {
                    wrap(
                        out,
                        "<span class=\"related-shared\">Also about ",
                        &r.shared.join(", "),
                        "</span>",
                    );
                }
                out.push_str("</li>");
            }
            out.push_str("\n</ul>\n</nav>");
        }
        out.push_str("\n</div>");
    }
    out.push('\n');
}

fn kind_name(kind: crate::model::EntityKind) -> &'static str {
    use crate::model::EntityKind;
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
    }
}

/// `BEFORE`, the escaped `value`, `AFTER`.
fn wrap(out: &mut String, before: &str, value: &str, after: &str) {
    out.push_str(before);
    text(out, value);
    out.push_str(after);
}

/// `<a href="ROOT URL">LABEL</a>`, for a link from the site root.
fn link(out: &mut String, root: &str, url: &str, label: &str) {
    out.push_str("<a href=\"");
    text(out, root);
    text(out, url);
    out.push_str("\">");
    text(out, label);
    out.push_str("</a>");
}

/// `{% if url %}<a href="{{ root }}{{ url }}">{{ name }}</a>{% else %}{{ name }}{% endif %}`.
fn link_or_text(out: &mut String, root: &str, url: &Option<String>, name: &str) {
    match truthy(url) {
        Some(url) => link(out, root, url, name),
        None => text(out, name),
    }
}

/// A string as Tera's `{% if %}` sees it: absent and empty are both false.
fn truthy(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.is_empty())
}

/// `{{ value }}` of an optional string the template prints without testing
/// it (a date's display form beside its tested ISO form, a page link's
/// url): the views fill it whenever it is printed.
fn optional(out: &mut String, value: &Option<String>) {
    if let Some(value) = value {
        text(out, value);
    }
}

fn number(out: &mut String, n: usize) {
    use std::fmt::Write;
    let _ = write!(out, "{n}");
}
