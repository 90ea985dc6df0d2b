//! What search engines read: `sitemap.xml`, every page of the site a reader may land on, and
//! `robots.txt`, which lets them in and points at the sitemap.

use super::super::catalog::Catalog;
use super::super::escape;
use super::super::layout::{Arg, Made, ROUTES, file, path};

/// Every page that has a template and is not the page for what is not found, by its URL:
/// absolute when `base_url` names a host (the sitemap protocol asks for it), else from the
/// site's root.
pub(crate) fn sitemap(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    let urls = cat.urls();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for route in ROUTES.iter().filter(|r| r.template.is_some() && r.crawl) {
        for arg in (route.pages)(cat) {
            let url = urls.absolute(&urls.at(&path(route.path, arg, cat)));
            out.push_str("  <url><loc>");
            out.push_str(&escape(&url));
            out.push_str("</loc></url>\n");
        }
    }
    out.push_str("</urlset>\n");
    Made::Bytes(out.into_bytes())
}

/// Every crawler may read every page; the sitemap is named when its URL can be absolute
/// (the robots.txt standard asks for it).
pub(crate) fn robots(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    let urls = cat.urls();
    let mut out = String::from("User-agent: *\nAllow: /\n");
    let sitemap = urls.absolute(&urls.at(&file("sitemap.xml")));
    if sitemap.contains("://") {
        out.push_str("Sitemap: ");
        out.push_str(&sitemap);
        out.push('\n');
    }
    Made::Bytes(out.into_bytes())
}
