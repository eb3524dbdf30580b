//! What pages a site has and how each one is rendered, one at a time.
//!
//! [`Plan`] lists every output file of a site as a [`Job`] before anything
//! is rendered; [`Renderer::run`] renders one job and hands its bytes to a
//! [`PageSink`] straight away. Jobs run in parallel and nothing is kept once
//! written, so memory does not grow with the number of pages: a page lives
//! from its render to its write. Lists that grow with the site are cut into
//! pages (`paginate_by`), the print book into volumes (`print_volume_size`)
//! and the feed to the newest entries (`feed_limit`), so no single page
//! grows without bound either. The same jobs serve incremental rebuilds,
//! which run only the jobs whose inputs changed.

use super::discovery;
use super::paths::{briefing_path, entity_page_path, index_path, questions_path, volume_path};
use super::tags::{self, TagView};
use super::views::{self, CardView, SiteView, VolumeView};
use super::{Page, Theme, context, json_page, native};
use crate::error::{Error, Result};
use crate::index::Site;
use crate::search::index::{Doc, DocRow, DocTerms};
use rayon::prelude::*;
use std::ops::Range;
use std::sync::Arc;

/// Where rendered files go: the staging folder of a build, or memory.
pub trait PageSink: Sync {
    /// Stores one file at `path` (relative to the output root, `/`-separated).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;

    /// Says the file at `path` is, byte for byte, as the last build of the
    /// same output wrote it. Only a sink that writes over the last build's
    /// files can take it; the others never hold a last build.
    fn keep(&self, path: &str) -> Result<()> {
        Err(Error::Output(format!(
            "internal error: {path} was not rendered again, but this output has no earlier copy"
        )))
    }
}

/// A sink that keeps every page in memory (for `briefing check` and tests).
#[derive(Debug, Default)]
pub struct MemorySink {
    pages: std::sync::Mutex<Vec<Page>>,
}

impl MemorySink {
    /// The pages stored, sorted by path.
    pub fn into_pages(self) -> Vec<Page> {
        let mut pages = self.pages.into_inner().unwrap_or_else(|e| e.into_inner());
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        pages
    }
}

impl PageSink for MemorySink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Page {
                path: path.to_string(),
                bytes: bytes.to_vec(),
            });
        Ok(())
    }
}

/// How lists are cut, from `briefing.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Briefings per page of the index and of the questions index.
    pub paginate_by: usize,
    /// Briefings per volume of the print book.
    pub print_volume_size: usize,
    /// Newest briefings in the Atom feed (0: all).
    pub feed_limit: usize,
    /// Whether the print book's volumes are written (`print`).
    pub print: bool,
    /// Whether each briefing's `briefings/<slug>.json` is written
    /// (`json = "per-briefing"`).
    pub per_briefing_json: bool,
}

impl Default for RenderOptions {
    /// The defaults of `briefing.toml`: no print book, no per-briefing JSON.
    fn default() -> Self {
        RenderOptions {
            paginate_by: 50,
            print_volume_size: 100,
            feed_limit: 50,
            print: false,
            per_briefing_json: false,
        }
    }
}

impl RenderOptions {
    /// The defaults with every optional output on (the print book and the
    /// per-briefing JSON), as `briefing pdf` and tests of those outputs want.
    pub fn everything() -> Self {
        RenderOptions {
            print: true,
            per_briefing_json: true,
            ..RenderOptions::default()
        }
    }
}

impl From<&crate::config::Config> for RenderOptions {
    fn from(config: &crate::config::Config) -> Self {
        RenderOptions {
            paginate_by: config.paginate_by,
            print_volume_size: config.print_volume_size,
            feed_limit: config.feed_limit,
            print: config.print,
            per_briefing_json: config.json == crate::config::JsonOutput::PerBriefing,
        }
    }
}

/// One output file (or, for the search index, one set of files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Job {
    /// Page `n` (from 0) of the index.
    IndexPage(usize),
    /// The page of briefing `i` (site order).
    Briefing(usize),
    /// `briefings/<slug>.json` of briefing `i`.
    BriefingJson(usize),
    /// Page `n` (from 0) of the questions index.
    QuestionsPage(usize),
    /// Volume `n` (from 0) of the print book.
    PrintVolume(usize),
    EntitiesIndex,
    /// The page of site entity `i`.
    Entity(usize),
    TagsIndex,
    /// The page of tag `i` (in [`Plan::tags`] order).
    Tag(usize),
    SearchPage,
    /// `search/index.js` and its shards.
    SearchIndex,
    BriefingList,
    Feed,
    Sitemap,
    /// Static file `i` of the theme.
    Static(usize),
}

/// Every page of a site, decided before rendering.
#[derive(Debug)]
pub struct Plan {
    pub options: RenderOptions,
    pub site_view: SiteView,
    pub tags: Vec<TagView>,
    pub briefing_count: usize,
    pub entity_count: usize,
    pub static_count: usize,
}

impl Plan {
    pub fn new(site: &Site, theme: &Theme, options: RenderOptions) -> Plan {
        let tags = tags::tags(site);
        let mut site_view = views::site_view(&site.info, site, tags.len());
        site_view.print = options.print;
        Plan {
            options: RenderOptions {
                paginate_by: options.paginate_by.max(1),
                print_volume_size: options.print_volume_size.max(1),
                ..options
            },
            site_view,
            tags,
            briefing_count: site.briefings.len(),
            entity_count: site.entities.len(),
            static_count: theme.statics.len(),
        }
    }

    /// How many pages the index (and the questions index) has; an empty
    /// site still has one, saying there is nothing yet.
    pub fn list_pages(&self) -> usize {
        self.briefing_count
            .div_ceil(self.options.paginate_by)
            .max(1)
    }

    /// How many volumes the print book has: at least one, none when the
    /// book is not written (`print`).
    pub fn volumes(&self) -> usize {
        if !self.options.print {
            return 0;
        }
        self.briefing_count
            .div_ceil(self.options.print_volume_size)
            .max(1)
    }

    /// The briefings (site order) on page `n` of a list.
    pub fn list_range(&self, n: usize) -> Range<usize> {
        let size = self.options.paginate_by;
        (n * size).min(self.briefing_count)..((n + 1) * size).min(self.briefing_count)
    }

    /// The briefings (site order) in volume `n` of the print book.
    pub fn volume_range(&self, n: usize) -> Range<usize> {
        let size = self.options.print_volume_size;
        (n * size).min(self.briefing_count)..((n + 1) * size).min(self.briefing_count)
    }

    /// Which list page and which volume briefing `i` is on.
    pub fn list_page_of(&self, i: usize) -> usize {
        i / self.options.paginate_by
    }
    pub fn volume_of(&self, i: usize) -> usize {
        i / self.options.print_volume_size
    }

    /// Every job, in a fixed order. The search index comes first because
    /// it is the longest single job: started first, it overlaps the rest.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![Job::SearchIndex];
        jobs.extend((0..self.list_pages()).map(Job::IndexPage));
        jobs.extend((0..self.briefing_count).map(Job::Briefing));
        jobs.extend((0..self.list_pages()).map(Job::QuestionsPage));
        jobs.extend((0..self.volumes()).map(Job::PrintVolume));
        jobs.push(Job::EntitiesIndex);
        jobs.extend((0..self.entity_count).map(Job::Entity));
        jobs.push(Job::TagsIndex);
        jobs.extend((0..self.tags.len()).map(Job::Tag));
        jobs.push(Job::SearchPage);
        if self.options.per_briefing_json {
            jobs.extend((0..self.briefing_count).map(Job::BriefingJson));
        }
        jobs.push(Job::BriefingList);
        if self.site_view.base_url.is_some() {
            jobs.push(Job::Feed);
            jobs.push(Job::Sitemap);
        }
        jobs.extend((0..self.static_count).map(Job::Static));
        jobs
    }

    /// The HTML pages a visitor can land on, in the order the sitemap
    /// lists them.
    pub fn html_paths(&self, site: &Site) -> Vec<String> {
        let mut paths: Vec<String> = (0..self.list_pages()).map(index_path).collect();
        paths.extend(site.briefings.iter().map(|b| briefing_path(&b.slug)));
        paths.extend((0..self.list_pages()).map(questions_path));
        paths.extend((0..self.volumes()).map(volume_path));
        paths.push("entities/index.html".to_string());
        for e in &site.entities {
            let pages = entity_pages(&views::entity_page_view(site, e), self.options.paginate_by);
            paths.extend((0..pages).map(|n| entity_page_path(&e.slug, n)));
        }
        paths.push("tags/index.html".to_string());
        paths.extend(self.tags.iter().map(|t| t.url.clone()));
        paths.push("search/index.html".to_string());
        paths
    }
}

/// How many pages an entity's page is cut into: `per_page` mentions and
/// `per_page` quotes a page (at least one page), like the index.
pub fn entity_pages(view: &views::EntityPageView, per_page: usize) -> usize {
    let per_page = per_page.max(1);
    view.mentions
        .len()
        .div_ceil(per_page)
        .max(view.quotes.len().div_ceil(per_page))
        .max(1)
}

/// Page `n` of `total` of an entity's page; `None` when there is one page,
/// which is the whole view.
fn entity_page_slice(
    view: &views::EntityPageView,
    n: usize,
    per_page: usize,
    total: usize,
) -> Option<views::EntityPageView> {
    if total <= 1 {
        return None;
    }
    let range = |len: usize| (n * per_page).min(len)..((n + 1) * per_page).min(len);
    Some(views::EntityPageView {
        mentions: view.mentions[range(view.mentions.len())].to_vec(),
        quotes: view.quotes[range(view.quotes.len())].to_vec(),
        ..view.header()
    })
}

/// Writes one page that [`native`] renders: `write` fills it, given the
/// same page context Tera would get.
fn put_native(
    sink: &dyn PageSink,
    site: &SiteView,
    page: &str,
    path: &str,
    capacity: usize,
    write: impl FnOnce(&mut String, &native::PageContext),
) -> Result<usize> {
    let mut html = String::with_capacity(capacity);
    write(&mut html, &native::PageContext::of(site, page, path));
    sink.put(path, html.as_bytes()).map(|()| 1)
}

/// Hands one rendered page to `sink`; returns the one file written.
fn put_page(sink: &dyn PageSink, page: Page) -> Result<usize> {
    sink.put(&page.path, &page.bytes).map(|()| 1)
}

/// One list of every briefing, cut into pages: its page name, its
/// template, the path of its page `n`, and its native writer while the
/// theme's templates for it are all built in.
struct ListJob {
    page: &'static str,
    template: &'static str,
    path_of: fn(usize) -> String,
    native: Option<fn(&mut String, &native::PageContext, &native::ListPage)>,
}

/// One page of the theme as both renderers see it: the values its Tera
/// template gets, and [`native`]'s writer of the same markup, used while
/// the theme's templates for it are all built in. Every job that renders a
/// theme page goes through [`Renderer::put_theme_page`] with one of these.
trait ThemePage {
    /// The page's name in the context (`page`) and its template.
    fn names(&self) -> (&'static str, &'static str);
    /// Whether the built-in writer stands for the theme's templates.
    fn native(&self, theme: &Theme) -> bool;
    /// A first guess at the page's size, for its buffer.
    fn capacity(&self) -> usize;
    /// Writes the page with [`native`].
    fn write_native(&self, out: &mut String, ctx: &native::PageContext);
    /// Puts the template's values into its context.
    fn fill(&self, ctx: &mut tera::Context);
}

/// A page of a list of every briefing (the index, the questions index).
struct ListThemePage<'a> {
    list: &'a ListJob,
    page: native::ListPage<'a>,
}

impl ThemePage for ListThemePage<'_> {
    fn names(&self) -> (&'static str, &'static str) {
        (self.list.page, self.list.template)
    }
    fn native(&self, _: &Theme) -> bool {
        self.list.native.is_some()
    }
    fn capacity(&self) -> usize {
        128 * 1024
    }
    fn write_native(&self, out: &mut String, ctx: &native::PageContext) {
        if let Some(write) = self.list.native {
            write(out, ctx, &self.page);
        }
    }
    fn fill(&self, ctx: &mut tera::Context) {
        ctx.insert("briefings", self.page.briefings);
        ctx.insert("pagination", self.page.pagination);
    }
}

impl ThemePage for native::BriefingPage<'_> {
    fn names(&self) -> (&'static str, &'static str) {
        ("briefing", "briefing.html")
    }
    fn native(&self, theme: &Theme) -> bool {
        theme.native.briefing
    }
    fn capacity(&self) -> usize {
        64 * 1024
    }
    fn write_native(&self, out: &mut String, ctx: &native::PageContext) {
        native::briefing_page(out, ctx, self);
    }
    fn fill(&self, ctx: &mut tera::Context) {
        ctx.insert("briefing", self.briefing);
        ctx.insert("prev", &self.prev);
        ctx.insert("next", &self.next);
        ctx.insert("heading_base", &1);
        ctx.insert("in_book", &false);
    }
}

impl ThemePage for native::PrintPage<'_> {
    fn names(&self) -> (&'static str, &'static str) {
        ("print", "print.html")
    }
    fn native(&self, theme: &Theme) -> bool {
        theme.native.print
    }
    fn capacity(&self) -> usize {
        1024 * 1024
    }
    fn write_native(&self, out: &mut String, ctx: &native::PageContext) {
        native::print_page(out, ctx, self);
    }
    fn fill(&self, ctx: &mut tera::Context) {
        ctx.insert("volume", self.volume);
        ctx.insert("briefings", self.briefings);
        ctx.insert("heading_base", &2);
        ctx.insert("in_book", &true);
    }
}

/// One page of an entity's pages.
struct EntityThemePage<'a> {
    entity: &'a views::EntityPageView,
    pagination: &'a views::PaginationView,
}

impl ThemePage for EntityThemePage<'_> {
    fn names(&self) -> (&'static str, &'static str) {
        ("entity", "entity.html")
    }
    fn native(&self, theme: &Theme) -> bool {
        theme.native.entity
    }
    fn capacity(&self) -> usize {
        16 * 1024
    }
    fn write_native(&self, out: &mut String, ctx: &native::PageContext) {
        native::entity_page(out, ctx, self.entity, self.pagination);
    }
    fn fill(&self, ctx: &mut tera::Context) {
        ctx.insert("entity", self.entity);
        ctx.insert("pagination", self.pagination);
    }
}

/// Renders jobs of one site with one theme.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub plan: &'a Plan,
    /// Each briefing's analysed search documents (site order), when the
    /// caller keeps them between builds; `None` analyses them here.
    pub search_parts: Option<&'a [Arc<SearchPart>]>,
    /// The search index as the caller's last build left it; with
    /// `search_parts`, only the shards a change touches are written.
    pub search_live: Option<&'a std::sync::Mutex<crate::search::live::LiveIndex>>,
}

/// One briefing's search documents, serialised and analysed: the part of
/// the search index that depends on that briefing alone, so an incremental
/// rebuild analyses and serialises only the briefings that changed.
pub use crate::search::live::Part as SearchPart;

impl SearchPart {
    pub fn of(site: &Site, i: usize) -> SearchPart {
        let docs = discovery::briefing_search_docs(site, i);
        SearchPart {
            rows: docs.iter().map(DocRow::of).collect(),
            terms: docs.iter().map(crate::search::index::analyse_doc).collect(),
        }
    }
}

impl Renderer<'_> {
    /// Renders every job, in parallel, into `sink`.
    pub fn run_all(&self, sink: &dyn PageSink) -> Result<usize> {
        let jobs = self.plan.jobs();
        let counts: Vec<usize> = jobs
            .par_iter()
            .with_max_len(1)
            .map(|&job| self.run(job, sink))
            .collect::<Result<_>>()?;
        Ok(counts.iter().sum())
    }

    /// Renders one job into `sink`; returns how many files it wrote.
    pub fn run(&self, job: Job, sink: &dyn PageSink) -> Result<usize> {
        match job {
            Job::IndexPage(n) => self.index_page(n, sink),
            Job::Briefing(i) => self.briefing_page(i, sink),
            Job::BriefingJson(i) => self.briefing_json(i, sink),
            Job::QuestionsPage(n) => self.questions_page(n, sink),
            Job::PrintVolume(n) => self.print_volume(n, sink),
            Job::EntitiesIndex => self.entities_index(sink),
            Job::Entity(i) => self.entity_page(i, sink),
            Job::TagsIndex => self.tags_index(sink),
            Job::Tag(t) => self.tag_page(t, sink),
            Job::SearchPage => self.search_page(sink),
            Job::SearchIndex => self.search_index_files(sink),
            Job::BriefingList => put_page(
                sink,
                json_page(
                    "briefings.json".to_string(),
                    &discovery::briefing_list(self.site, self.plan.options.per_briefing_json),
                ),
            ),
            Job::Feed => self.feed(sink),
            Job::Sitemap => self.sitemap(sink),
            Job::Static(k) => self.static_file(k, sink),
        }
    }

    /// [`Job::IndexPage`]: page `n` of the index.
    fn index_page(&self, n: usize, sink: &dyn PageSink) -> Result<usize> {
        let list = ListJob {
            page: "index",
            template: "index.html",
            path_of: index_path,
            native: self.theme.native.index.then_some(native::index_page),
        };
        self.list_page(&list, n, sink)
    }

    /// Page `n` of one of the lists of every briefing (the index, the
    /// questions index).
    fn list_page(&self, list: &ListJob, n: usize, sink: &dyn PageSink) -> Result<usize> {
        let plan = self.plan;
        let path = (list.path_of)(n);
        let briefings = self.list_views(plan.list_range(n));
        let pagination = views::pagination(n + 1, plan.list_pages(), |k| (list.path_of)(k - 1));
        let page = ListThemePage {
            list,
            page: native::ListPage {
                briefings: &briefings,
                pagination: &pagination,
            },
        };
        self.put_theme_page(sink, path, &page)
    }

    /// Renders one theme page, with [`native`] when the page's templates
    /// are all built in, else with Tera; returns the one file written.
    fn put_theme_page(
        &self,
        sink: &dyn PageSink,
        path: String,
        page: &dyn ThemePage,
    ) -> Result<usize> {
        let sv = &self.plan.site_view;
        let (name, template) = page.names();
        if page.native(self.theme) {
            return put_native(sink, sv, name, &path, page.capacity(), |out, ctx| {
                page.write_native(out, ctx);
            });
        }
        let mut ctx = context(sv, name, &path);
        page.fill(&mut ctx);
        put_page(sink, self.theme.render_page(template, path, &ctx)?)
    }

    /// [`Job::Briefing`]: the page of briefing `i`.
    fn briefing_page(&self, i: usize, sink: &dyn PageSink) -> Result<usize> {
        let site = self.site;
        let mut view = views::page_view(site, i);
        view.json_ld = Some(super::jsonld::json_ld(site, i, &view));
        let path = briefing_path(&view.slug);
        let prev = i
            .checked_sub(1)
            .map(|j| views::link_view(&site.briefings[j]));
        let next = site.briefings.get(i + 1).map(views::link_view);
        let page = native::BriefingPage {
            briefing: &view,
            prev: prev.as_ref(),
            next: next.as_ref(),
        };
        self.put_theme_page(sink, path, &page)
    }

    /// [`Job::BriefingJson`]: `briefings/<slug>.json` of briefing `i`.
    fn briefing_json(&self, i: usize, sink: &dyn PageSink) -> Result<usize> {
        let b = &self.site.briefings[i];
        let mut json = String::with_capacity(16 * 1024);
        crate::json::BriefingJson::from(b).write_compact(&mut json);
        json.push('\n');
        sink.put(&discovery::briefing_json_path(&b.slug), json.as_bytes())
            .map(|()| 1)
    }

    /// [`Job::QuestionsPage`]: page `n` of the questions index.
    fn questions_page(&self, n: usize, sink: &dyn PageSink) -> Result<usize> {
        let list = ListJob {
            page: "questions",
            template: "questions.html",
            path_of: questions_path,
            native: self
                .theme
                .native
                .questions
                .then_some(native::questions_page),
        };
        self.list_page(&list, n, sink)
    }

    /// [`Job::PrintVolume`]: volume `n` of the print book.
    fn print_volume(&self, n: usize, sink: &dyn PageSink) -> Result<usize> {
        let plan = self.plan;
        let path = volume_path(n);
        let range = plan.volume_range(n);
        let count = plan.volumes();
        let volume = VolumeView {
            number: n + 1,
            count,
            first: range.start + 1,
            last: range.end,
            volumes: views::pagination(n + 1, count, |k| volume_path(k - 1)).pages,
        };
        let briefings = views::book_views(self.site, range);
        let page = native::PrintPage {
            volume: &volume,
            briefings: &briefings,
        };
        self.put_theme_page(sink, path, &page)
    }

    /// [`Job::EntitiesIndex`]: the page listing every entity.
    fn entities_index(&self, sink: &dyn PageSink) -> Result<usize> {
        let path = "entities/index.html".to_string();
        let mut ctx = context(&self.plan.site_view, "entities", &path);
        ctx.insert("groups", &views::entity_groups(self.site));
        put_page(sink, self.theme.render_page("entities.html", path, &ctx)?)
    }

    /// [`Job::Entity`]: every page of site entity `i`.
    fn entity_page(&self, i: usize, sink: &dyn PageSink) -> Result<usize> {
        let site = self.site;
        let view = views::entity_page_view(site, &site.entities[i]);
        let slug = &site.entities[i].slug;
        let per_page = self.plan.options.paginate_by;
        let total = entity_pages(&view, per_page);
        let mut written = 0;
        for n in 0..total {
            let path = entity_page_path(slug, n);
            let page = entity_page_slice(&view, n, per_page, total);
            let view = page.as_ref().unwrap_or(&view);
            let pagination = views::pagination(n + 1, total, |k| entity_page_path(slug, k - 1));
            let page = EntityThemePage {
                entity: view,
                pagination: &pagination,
            };
            written += self.put_theme_page(sink, path, &page)?;
        }
        Ok(written)
    }

    /// [`Job::TagsIndex`]: the page listing every tag.
    fn tags_index(&self, sink: &dyn PageSink) -> Result<usize> {
        let path = "tags/index.html".to_string();
        let mut ctx = context(&self.plan.site_view, "tags", &path);
        ctx.insert("tags", &self.plan.tags);
        put_page(sink, self.theme.render_page("tags.html", path, &ctx)?)
    }

    /// [`Job::Tag`]: the page of tag `t`.
    fn tag_page(&self, t: usize, sink: &dyn PageSink) -> Result<usize> {
        let tag = &self.plan.tags[t];
        let path = tag.url.clone();
        let mut ctx = context(&self.plan.site_view, "tag", &path);
        ctx.insert("tag", tag);
        let tagged: Vec<CardView> = tag
            .briefings
            .iter()
            .map(|&i| views::card_view(self.site, i))
            .collect();
        ctx.insert("briefings", &tagged);
        put_page(sink, self.theme.render_page("tag.html", path, &ctx)?)
    }

    /// [`Job::SearchPage`]: the search page.
    fn search_page(&self, sink: &dyn PageSink) -> Result<usize> {
        let path = "search/index.html".to_string();
        let ctx = context(&self.plan.site_view, "search", &path);
        put_page(sink, self.theme.render_page("search.html", path, &ctx)?)
    }

    /// [`Job::SearchIndex`]: `search/index.js` and its shards, in full or,
    /// with the caller's cached parts, only the shards a change touches.
    fn search_index_files(&self, sink: &dyn PageSink) -> Result<usize> {
        let Some(parts) = self.search_parts else {
            return crate::search::index::build_streamed(
                &self.search_docs(),
                crate::search::index::DEFAULT_LIMITS,
                |path, text| sink.put(path, text.as_bytes()),
            );
        };
        let files = self.search_index(parts);
        let count = files.files.len();
        for (path, text) in files.files {
            sink.put(&path, text.as_bytes())?;
        }
        for path in &files.unchanged {
            sink.keep(path)?;
        }
        Ok(count)
    }

    /// [`Job::Feed`]: `atom.xml`, only with a `base_url`.
    fn feed(&self, sink: &dyn PageSink) -> Result<usize> {
        self.absolute_page(sink, "feed", "atom.xml", |ctx, base| {
            ctx.insert(
                "feed",
                &discovery::feed_view(self.site, base, self.plan.options.feed_limit),
            );
        })
    }

    /// [`Job::Sitemap`]: `sitemap.xml`, only with a `base_url`.
    fn sitemap(&self, sink: &dyn PageSink) -> Result<usize> {
        self.absolute_page(sink, "sitemap", "sitemap.xml", |ctx, base| {
            ctx.insert(
                "urls",
                &discovery::sitemap(self.site, &self.plan.html_paths(self.site), base),
            );
        })
    }

    /// A file of absolute URLs, written from the template of the same name
    /// at the output's root, with `fill` adding its values given the
    /// `base_url`; nothing without a `base_url`.
    fn absolute_page(
        &self,
        sink: &dyn PageSink,
        page: &str,
        file: &str,
        fill: impl FnOnce(&mut tera::Context, &str),
    ) -> Result<usize> {
        let sv = &self.plan.site_view;
        let Some(base) = &sv.base_url else {
            return Ok(0);
        };
        let mut ctx = context(sv, page, file);
        fill(&mut ctx, base);
        put_page(sink, self.theme.render_page(file, file.to_string(), &ctx)?)
    }

    /// [`Job::Static`]: static file `k` of the theme.
    fn static_file(&self, k: usize, sink: &dyn PageSink) -> Result<usize> {
        let (path, bytes) =
            self.theme.statics.iter().nth(k).ok_or_else(|| {
                Error::Output(format!("internal error: no static file number {k}"))
            })?;
        sink.put(path, bytes).map(|()| 1)
    }

    fn list_views(&self, range: Range<usize>) -> Vec<CardView> {
        range.map(|i| views::card_view(self.site, i)).collect()
    }

    /// Every document of the search index, made in parallel: the
    /// briefings', then the entities' and tags'.
    fn search_docs(&self) -> Vec<Doc> {
        let mut docs: Vec<Doc> = (0..self.site.briefings.len())
            .into_par_iter()
            .flat_map_iter(|i| discovery::briefing_search_docs(self.site, i))
            .collect();
        docs.extend(discovery::site_search_docs(self.site, &self.plan.tags));
        docs
    }

    /// The search index from every briefing's documents and their analysis
    /// as the caller keeps them (`parts`, an incremental build's cache),
    /// then entities and tags.
    fn search_index(&self, parts: &[Arc<SearchPart>]) -> crate::search::index::IndexFiles {
        let limits = crate::search::index::DEFAULT_LIMITS;
        let extra = discovery::site_search_docs(self.site, &self.plan.tags);
        let extra_terms: Vec<DocTerms> = extra
            .par_iter()
            .map(crate::search::index::analyse_doc)
            .collect();
        let extra_rows: Vec<DocRow> = extra.iter().map(DocRow::of).collect();
        if let Some(live) = self.search_live {
            let mut all = parts.to_vec();
            all.push(Arc::new(SearchPart {
                rows: extra_rows,
                terms: extra_terms,
            }));
            return live.lock().unwrap_or_else(|e| e.into_inner()).update(all);
        }
        // References to the cached parts: copying every row and analysis
        // cost more than the rest of a one-source rebuild's search.
        let rows: Vec<&DocRow> = parts
            .iter()
            .flat_map(|p| p.rows.iter())
            .chain(&extra_rows)
            .collect();
        let terms: Vec<&DocTerms> = parts
            .iter()
            .flat_map(|p| p.terms.iter())
            .chain(&extra_terms)
            .collect();
        crate::search::index::assemble_rows(&rows, &terms, limits)
    }
}
