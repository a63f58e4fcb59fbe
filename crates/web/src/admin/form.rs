//! Reading `application/x-www-form-urlencoded` bodies (with repeated keys, for checkboxes), and
//! the option lists forms show.

use axum::extract::{FromRequest, Request};
use gongkai_store::Error;
use serde::de::DeserializeOwned;

use crate::error::WebError;

/// A form body parsed into `T`; a body that cannot be read is a clear 422.
pub struct HtmlForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for HtmlForm<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let unreadable = || WebError::App(Error::field("form", "表单", "表单内容无法读取，请返回重新填写"));
        let body = String::from_request(req, state).await.map_err(|_| unreadable())?;
        serde_html_form::from_str(&body).map(HtmlForm).map_err(|_| unreadable())
    }
}

/// One choice in a select or checkbox list.
pub struct SelectOption {
    pub value: &'static str,
    pub label: &'static str,
    pub selected: bool,
}
