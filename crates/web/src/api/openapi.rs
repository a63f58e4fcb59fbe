//! The OpenAPI 3.1 document of the JSON API (public, and the staff API with bearer tokens), written
//! out by hand (one place to read it).

use serde_json::{Value, json};

fn string_param(name: &str, description: &str, required: bool) -> Value {
    json!({"name": name, "in": "query", "required": required, "description": description, "schema": {"type": "string"}})
}

fn page_param() -> Value {
    json!({"name": "page", "in": "query", "required": false, "description": "页码，从1开始", "schema": {"type": "integer", "minimum": 1}})
}

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

fn id_param() -> Value {
    json!({"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}})
}

fn json_body(schema: &str) -> Value {
    json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}})
}

/// The standard answers of a staff route besides its success.
fn staff_errors(mut responses: Value) -> Value {
    responses["401"] = error_response("缺少接口令牌，或令牌无效、已过期、已撤销");
    responses["403"] = error_response("令牌的账号没有这项权限，或记录属于其他机关（error 说明所需权限）");
    responses["404"] = error_response("未找到");
    responses["422"] = error_response("字段错误（fields 逐项说明）");
    responses
}

fn staff_op(summary: &str, parameters: Value, body: Option<Value>, ok: (&str, &str)) -> Value {
    let mut op = json!({"summary": summary, "tags": ["工作人员接口"], "security": [{"bearer": []}],
        "parameters": parameters, "responses": staff_errors(json!({ok.0: {"description": ok.1}}))});
    if let Some(body) = body {
        op["requestBody"] = body;
    }
    op
}

/// The staff API's paths (`/api/v1/staff/…`, personal tokens).
fn staff_paths() -> Value {
    let agency = string_param("agency", "机关统一社会信用代码（不填为令牌账号所在机关）", false);
    json!({
        "/api/v1/staff/me": {"get": staff_op("令牌代表的工作人员、角色和机关", json!([]), None, ("200", "工作人员"))},
        "/api/v1/staff/requests": {
            "get": staff_op("本机关（或下级机关）的依申请公开申请", json!([agency.clone(),
                string_param("status", "open（默认，待答复）| overdue | due_soon | all | 办理状态，如 processing", false),
                {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}]), None, ("200", "申请列表：status/status_label、reply_due、overdue 等")),
            "post": staff_op("登记收到的申请（当面、邮寄、传真、电子邮件）", json!([]), Some(json_body("StaffNewRequest")), ("201", "已登记；返回 id、查询码和查询密码（只返回这一次）"))},
        "/api/v1/staff/requests/{id}": {"get": staff_op("一件申请：申请人信息、期限、办理过程，以及当前可办理的步骤（steps，含各步骤的字段）", json!([id_param()]), None, ("200", "申请"))},
        "/api/v1/staff/requests/{id}/steps": {"post": staff_op("办理一个步骤（命令目录中的 command 及其字段）", json!([id_param()]), Some(json_body("Step")), ("200", "办理后的申请"))},
        "/api/v1/staff/items": {
            "get": staff_op("本机关的主动公开信息（任何状态）", json!([agency, string_param("status", "draft | secrecy_review | review | sign_off | scheduled | published | withdrawn", false), page_param()]), None, ("200", "一页信息（每页50条）")),
            "post": staff_op("起草一条信息", json!([]), Some(json_body("ItemDraft")), ("201", "草稿"))},
        "/api/v1/staff/items/import": {"post": staff_op("批量导入信息（JSON Lines 或 CSV，列同 gongkai import items；不接受附件路径）",
            json!([string_param("agency", "机关统一社会信用代码（不填为令牌账号所在机关）", false)]),
            Some(json!({"required": true, "content": {"application/x-ndjson": {"schema": {"type": "string"}}, "text/csv": {"schema": {"type": "string"}}}})),
            ("200", "导入结果：imported、already_present、errors（逐行）"))},
        "/api/v1/staff/items/{id}": {
            "get": staff_op("一条信息：正文、审核过程、保密审查提示、当前可做的审核操作（actions）", json!([id_param()]), None, ("200", "信息")),
            "put": staff_op("修改草稿（整张表单）", json!([id_param()]), Some(json_body("ItemForm")), ("200", "草稿"))},
        "/api/v1/staff/items/{id}/review": {"post": staff_op("审核操作：提交、保密审查、审核、签发、退回、撤回等", json!([id_param()]), Some(json_body("ReviewStep")), ("200", "操作后的信息"))}
    })
}

pub fn document() -> Value {
    let mut doc = public_document();
    let paths = doc["paths"].as_object_mut().expect("paths is an object");
    for (path, item) in staff_paths().as_object().expect("an object") {
        paths.insert(path.clone(), item.clone());
    }
    doc["components"]["securitySchemes"] = json!({"bearer": {"type": "http", "scheme": "bearer",
        "description": "个人接口令牌（gk_开头），在管理后台“接口令牌”页或用 gongkai staff token --user 用户名 签发"}});
    let schemas = doc["components"]["schemas"].as_object_mut().expect("schemas is an object");
    let item_form = json!({"type": "object", "required": ["title", "category"], "properties": {
        "title": {"type": "string"}, "summary": {"type": "string"}, "body": {"type": "string", "description": "HTML，保存时清理"},
        "category": {"type": "string", "description": "公开类别，如 art20.1"}, "subject": {"type": "string"}, "issuer": {"type": "string"},
        "doc_number": {"type": "string"}, "written_on": {"type": "string", "format": "date"}, "formed_on": {"type": "string", "format": "date"},
        "keywords": {"type": "string"}, "validity": {"type": "string"}, "kind": {"type": "string"},
        "effective_on": {"type": "string", "format": "date"}, "expires_on": {"type": "string", "format": "date"}, "interprets": {"type": "string"}}});
    let mut draft = item_form.clone();
    draft["properties"]["agency"] =
        json!({"type": "string", "description": "机关统一社会信用代码（不填为令牌账号所在机关）"});
    schemas.insert("ItemForm".into(), item_form);
    schemas.insert("ItemDraft".into(), draft);
    schemas.insert("Step".into(), json!({"type": "object", "required": ["command"], "properties": {
        "command": {"type": "string", "description": "confirm、request_clarification、assign、extend、decide、deliver、close 等"}},
        "additionalProperties": {"type": "string"}, "description": "其余字段按 GET /api/v1/staff/requests/{id} 的 steps[].fields 填写"}));
    schemas.insert(
        "ReviewStep".into(),
        json!({"type": "object", "required": ["action"], "properties": {
        "action": {"type": "string"}, "reason": {"type": "string", "description": "退回、撤回时必填；签发时距形成日期超过20个工作日（《条例》第二十六条）的，为逾期理由，必填"},
        "publish_at": {"type": "string", "description": "定时发布时间：RFC 3339 或“年-月-日 时:分”（北京时间）"},
        "formed_on": {"type": "string", "format": "date", "description": "签发时：未填写形成日期的信息须在此填写（不晚于今天）"}}}),
    );
    let mut staff_request = schemas["NewRequest"].clone();
    staff_request["properties"]["channel"] = json!({"enum": ["in_person", "post", "ordinary_post", "fax", "email"]});
    staff_request["properties"]["confirmed_on"] =
        json!({"type": "string", "format": "date", "description": "平常信函、传真、电子邮件：确认之日"});
    staff_request["properties"]["submitted_on"] = json!({"type": "string", "format": "date"});
    staff_request["properties"]["signed_for_on"] =
        json!({"type": "string", "format": "date", "description": "邮寄：签收之日"});
    staff_request["properties"]["agency"] =
        json!({"type": "string", "description": "机关统一社会信用代码（不填为令牌账号所在机关）"});
    staff_request["required"] = json!([
        "channel",
        "applicant_type",
        "applicant_name",
        "id_type",
        "id_number",
        "description",
        "form",
        "delivery"
    ]);
    schemas.insert("StaffNewRequest".into(), staff_request);
    doc
}

fn public_document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "gongkai 政务公开平台 API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "公开数据的只读接口：机关目录、公开类别、主动公开目录、信息详情和全文检索。"},
        "paths": {
            "/api/v1/agencies": {"get": {"summary": "机关目录", "responses": {"200": {"description": "全部机关，按层级排序",
                "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Agency"}}}}}}}},
            "/api/v1/agencies/{code}": {"get": {"summary": "一个机关", "parameters": [{"name": "code", "in": "path", "required": true, "description": "统一社会信用代码", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "机关", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Agency"}}}}, "404": error_response("未找到")}}},
            "/api/v1/categories": {"get": {"summary": "《条例》第二十条、第二十一条公开类别", "responses": {"200": {"description": "类别列表"}}}},
            "/api/v1/items": {"get": {"summary": "机关的主动公开目录",
                "parameters": [string_param("agency", "机关统一社会信用代码", true), string_param("category", "公开类别，如 art20.1", false),
                               string_param("subject", "主题分类（大类或 大类\\小类）", false), string_param("year", "发布年份", false),
                               string_param("validity", "in_force | expired | repealed", false), page_param()],
                "responses": {"200": {"description": "一页目录（每页20条）", "content": {"application/json": {"schema": {"type": "object",
                    "properties": {"total": {"type": "integer"}, "page": {"type": "integer"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/ItemSummary"}}}}}}},
                    "404": error_response("未找到该机关")}}},
            "/api/v1/items/{id}": {"get": {"summary": "信息详情", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "已发布的信息，含正文和附件"}, "404": error_response("未找到")}}},
            "/api/v1/search": {"get": {"summary": "全文检索（中文分词）",
                "parameters": [string_param("q", "检索词，多个词以空格分隔时须全部匹配；为空时须至少选一个筛选条件，按发布日期倒序列出", false), string_param("agency", "限定机关（含下级机关）的统一社会信用代码", false),
                    string_param("category", "公开类别：art20.1…art20.15、art21，或其简称、条文", false), string_param("subject", "主题分类：一级类目，或以\\分隔的二级路径", false),
                    string_param("year", "年份（四位数字）", false), string_param("validity", "有效性：in_force、expired、repealed（或有效、失效、废止）", false),
                    string_param("own", "1：仅限 agency 本机关，不含下级机关", false), string_param("kind", "文件类型：rule、normative_document、other（或规章、行政规范性文件、其他）", false),
                    string_param("from", "发布日期起（YYYY-MM-DD，含当日）", false), string_param("to", "发布日期止（YYYY-MM-DD，含当日）", false),
                    string_param("sort", "relevance（默认，按相关度）或 newest（按发布日期倒序）", false),
                    string_param("facets", "1：同时返回各筛选条件的结果数（facets；某条件自身的计数不受该条件限制）", false), page_param()],
                "responses": {"200": {"description": "检索结果（每页20条）", "content": {"application/json": {"schema": {"type": "object",
                    "properties": {"total": {"type": "integer"}, "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}}}}}}},
                    "400": error_response("网址中的参数无法读取（如页码不是数字）"), "404": error_response("未找到该机关"), "422": error_response("筛选条件无效（如年份不是四位数字）")}}},
            "/api/v1/requests": {"post": {"summary": "提交政府信息公开申请（条例第二十九条）",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewRequest"}}}},
                "responses": {"201": {"description": "申请已保存；返回查询码和查询密码", "content": {"application/json": {"schema": {"type": "object",
                    "properties": {"tracking_code": {"type": "string"}, "query_password": {"type": "string"}}}}}},
                    "422": error_response("字段错误（fields 逐项说明）")}}},
            "/api/v1/requests/status": {"post": {"summary": "查询申请进度（查询码和查询密码放在请求内容中，不放在网址中）",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["tracking_code", "query_password"],
                    "properties": {"tracking_code": {"type": "string"}, "query_password": {"type": "string"}}}}}},
                "responses": {"200": {"description": "状态、答复期限、答复和办理过程"}, "422": error_response("查询码或查询密码不正确"),
                    "429": error_response("提交过于频繁（Retry-After 说明等待秒数）")}}}
        },
        "components": {"schemas": {
            "Error": {"type": "object", "properties": {"error": {"type": "string"}, "fields": {"type": "array", "items": {"type": "object",
                "properties": {"field": {"type": "string"}, "label": {"type": "string"}, "message": {"type": "string"}}}}}},
            "Agency": {"type": "object", "properties": {"id": {"type": "integer"}, "parent_id": {"type": ["integer", "null"]}, "name": {"type": "string"},
                "short_name": {"type": ["string", "null"]}, "level": {"type": "string"}, "credit_code": {"type": "string"}, "site_code": {"type": ["string", "null"]},
                "address": {"type": ["string", "null"]}, "office_hours": {"type": ["string", "null"]}, "phone": {"type": ["string", "null"]},
                "fax": {"type": ["string", "null"]}, "email": {"type": ["string", "null"]}, "postcode": {"type": ["string", "null"]}}},
            "ItemSummary": {"type": "object", "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "index_number": {"type": ["string", "null"]},
                "doc_number": {"type": ["string", "null"]}, "category": {"type": "string"}, "subject": {"type": ["string", "null"]}, "issuer": {"type": ["string", "null"]},
                "written": {"type": ["string", "null"]}, "published": {"type": ["string", "null"]}, "validity": {"type": "string"}, "url": {"type": "string"}}},
            "NewRequest": {"type": "object", "required": ["agency", "applicant_type", "applicant_name", "id_type", "id_number", "description", "form", "delivery"],
                "properties": {"agency": {"type": "string", "description": "受理机关的统一社会信用代码"},
                "applicant_type": {"enum": ["natural_person", "business", "research", "nonprofit", "legal_service", "other_org"]},
                "applicant_name": {"type": "string"}, "id_type": {"enum": ["resident_id", "credit_code", "passport", "other"]}, "id_number": {"type": "string"},
                "phone": {"type": "string"}, "email": {"type": "string"}, "address": {"type": "string"}, "info_title": {"type": "string"}, "doc_number": {"type": "string"},
                "description": {"type": "string"}, "form": {"enum": ["paper", "email", "electronic", "on_site"]}, "delivery": {"enum": ["post", "email", "pickup", "online"]}}},
            "Hit": {"type": "object", "properties": {"title": {"type": "string"}, "index_number": {"type": "string"}, "url": {"type": "string"},
                "snippet": {"type": "string", "description": "HTML：文本已转义，命中词以 <mark> 标出"}, "published": {"type": "string"}}}
        }}
    })
}
