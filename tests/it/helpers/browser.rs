//! A browser: a cookie jar, an optional Accept-Language, no automatic redirects, and the
//! steps people take (sign in, submit a form with the page's CSRF token, upload a file).

use std::cell::RefCell;
use std::collections::HashMap;

use super::page::Page;
use super::server::DEMO_PASSWORD;

/// A browser: a cookie jar, an optional Accept-Language, and no automatic redirects.
pub struct Browser {
    base: String,
    client: awc::Client,
    cookies: RefCell<HashMap<String, String>>,
    pub accept_language: RefCell<Option<String>>,
}

/// An HTTP client for the tests: it follows no redirects, and waits up to 30 s for an answer
/// (awc's own 5 s is too short while every test of the binary shares two cores).
pub fn http_client() -> awc::Client {
    awc::Client::builder()
        // Drop idle connections before the server's 5 s keep-alive closes them, so a
        // request after a slow one never lands on a connection the server just closed.
        .connector(awc::Connector::new().conn_keep_alive(std::time::Duration::from_secs(2)))
        .disable_redirects()
        .timeout(std::time::Duration::from_secs(30))
        .finish()
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser {
            base: base.to_string(),
            client: http_client(),
            cookies: RefCell::new(HashMap::new()),
            accept_language: RefCell::new(None),
        }
    }

    /// The same cookies, in another browser pointed at another instance.
    pub fn clone_to(&self, base: &str) -> Browser {
        let b = Browser::new(base);
        *b.cookies.borrow_mut() = self.cookies.borrow().clone();
        b
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.borrow().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies
            .borrow_mut()
            .insert(name.to_string(), value.to_string());
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .borrow()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        }
    }

    async fn send(&self, req: awc::ClientRequest, form: Option<&[(&str, &str)]>) -> Page {
        self.send_body(req, form, None).await
    }

    async fn send_body(
        &self,
        req: awc::ClientRequest,
        form: Option<&[(&str, &str)]>,
        raw: Option<(String, Vec<u8>)>,
    ) -> Page {
        let mut req = req;
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.insert_header(("Cookie", cookies));
        }
        if let Some(lang) = self.accept_language.borrow().clone() {
            req = req.insert_header(("Accept-Language", lang));
        }
        let mut res = match (form, raw) {
            (Some(fields), _) => req.send_form(&fields).await,
            (None, Some((content_type, body))) => {
                req.insert_header(("Content-Type", content_type))
                    .send_body(body)
                    .await
            }
            (None, None) => req.send().await,
        }
        .expect("request failed");
        let mut headers = HashMap::new();
        for (name, value) in res.headers() {
            let value = value.to_str().unwrap_or("").to_string();
            headers
                .entry(name.as_str().to_string())
                .and_modify(|v: &mut String| {
                    v.push('\n');
                    v.push_str(&value)
                })
                .or_insert(value);
        }
        for value in res.headers().get_all("set-cookie") {
            let raw = value.to_str().unwrap_or("");
            let first = raw.split(';').next().unwrap_or("");
            if let Some((name, val)) = first.split_once('=') {
                let expired = val.is_empty()
                    || raw.to_ascii_lowercase().contains("max-age=0")
                    || raw.contains("1970");
                if expired {
                    self.cookies.borrow_mut().remove(name.trim());
                } else {
                    self.set_cookie(name.trim(), val.trim());
                }
            }
        }
        let body = res.body().limit(16 << 20).await.expect("read body");
        Page {
            status: res.status().as_u16(),
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let req = self.client.get(self.url(path));
        self.send(req, None).await
    }

    /// Posts a form exactly as given (no CSRF token added).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let req = self.client.post(self.url(path));
        self.send(req, Some(fields)).await
    }

    /// Posts a multipart form (text fields, then one file), as a browser uploads a file.
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, &str, &[u8]),
    ) -> Page {
        let boundary = format!("----support-contacts-{}", uuid::Uuid::new_v4().simple());
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        let (name, file_name, content) = file;
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = self.client.post(self.url(path));
        self.send_body(
            req,
            None,
            Some((format!("multipart/form-data; boundary={boundary}"), body)),
        )
        .await
    }

    /// Posts a form as sent from the page `referer`.
    pub async fn post_with_referer(
        &self,
        path: &str,
        referer: &str,
        fields: &[(&str, &str)],
    ) -> Page {
        let req = self
            .client
            .post(self.url(path))
            .insert_header(("Referer", referer.to_string()));
        self.send(req, Some(fields)).await
    }

    /// Posts a form exactly as given, with extra request headers (Origin, Host, …).
    pub async fn post_with_headers(
        &self,
        path: &str,
        headers: &[(&str, &str)],
        fields: &[(&str, &str)],
    ) -> Page {
        let mut req = self.client.post(self.url(path));
        for (name, value) in headers {
            req = req.insert_header((name.to_string(), value.to_string()));
        }
        self.send(req, Some(fields)).await
    }

    /// Posts a raw body with a content type.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> Page {
        let mut req = self
            .client
            .post(self.url(path))
            .insert_header(("Content-Type", content_type.to_string()));
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.insert_header(("Cookie", cookies));
        }
        let mut res = req.send_body(body).await.expect("request failed");
        let status = res.status().as_u16();
        let mut headers = HashMap::new();
        for (name, value) in res.headers() {
            headers.insert(
                name.as_str().to_string(),
                value.to_str().unwrap_or("").to_string(),
            );
        }
        let body = res.body().limit(16 << 20).await.unwrap_or_default();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    /// Posts a form with the CSRF token of the page at `form_page` (as a browser would).
    pub async fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.get(form_page).await.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post(action, &all).await
    }

    /// Submits a subscription's contact form as shown on `form`, choosing `contact_id`.
    pub async fn post_contact(&self, path: &str, form: &Page, contact_id: &str) -> Page {
        let version = form.input_value("version").unwrap_or_default();
        self.post(
            path,
            &[
                ("csrf_token", &form.csrf()),
                ("version", &version),
                ("support_contact", contact_id),
            ],
        )
        .await
    }

    /// Signs in with the demo password.
    pub async fn sign_in(&self, email: &str) -> Page {
        self.sign_in_with(email, DEMO_PASSWORD).await
    }

    pub async fn sign_in_with(&self, email: &str, password: &str) -> Page {
        self.submit(
            "/sign-in",
            "/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    pub async fn sign_out(&self) -> Page {
        self.submit("/customers", "/sign-out", &[]).await
    }
}

/// Follows the seed's steps up to a subscription page and returns its path.
pub async fn subscription_path(b: &Browser, customer: &str, product: &str) -> String {
    let customers = b.get("/customers").await;
    assert_eq!(customers.status, 200, "{}", customers.body);
    let customer_path = customers
        .link(customer)
        .unwrap_or_else(|| panic!("no link to {customer}"));
    let subs = b.get(&customer_path).await;
    subs.link(product)
        .unwrap_or_else(|| panic!("no link to {product} on {customer_path}"))
}
