use crate::helpers::*;

#[actix_web::test]
async fn smoke() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let p = b.get("/customers").await;
    assert!(p.main_text().contains("Adatum Corporation"));
}
