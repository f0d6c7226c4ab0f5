//! A row holding a kind, role or state this program does not know (written by a newer version,
//! or edited by hand): the page fails with the localized error page and no database text, and
//! the error that reaches the log names the column, the value and the row.

use diesel::prelude::*;
use support_contacts::db::schema::users;
use support_contacts::domain::ids::OrganizationId;
use support_contacts::error::AppError;

use crate::helpers::*;

#[actix_web::test]
async fn an_unknown_stored_role_names_its_row_and_stays_off_the_page() {
    let app = TestApp::spawn().await;
    let (user_id, organization_id): (String, String) = users::table
        .filter(users::email.eq("sales@contoso.example"))
        .select((users::id, users::organization_id))
        .first(&mut app.conn())
        .unwrap();
    diesel::update(users::table.find(&user_id))
        .set(users::role.eq("quantum_agent"))
        .execute(&mut app.conn())
        .unwrap();

    let admin = app.signed_in("global.admin@contoso.example").await;
    let page = admin.get("/users").await;
    assert_eq!(page.status, 500);
    assert!(
        page.main_text().contains("Something went wrong"),
        "{}",
        page.body
    );
    for leaked in ["quantum_agent", "users.role", &user_id] {
        assert!(!page.body.contains(leaked), "the page shows {leaked}");
    }

    let organization_id = OrganizationId::from(organization_id);
    let loaded = app
        .db
        .run(move |conn| Ok(support_contacts::db::users::list(conn, &organization_id)?))
        .await;
    match loaded {
        Err(AppError::Internal(cause)) => {
            for named in ["quantum_agent", "users.role", &user_id] {
                assert!(
                    cause.contains(named),
                    "the cause does not name {named}: {cause}"
                );
            }
        }
        other => panic!("expected an internal error naming the row, got {other:?}"),
    }
}
