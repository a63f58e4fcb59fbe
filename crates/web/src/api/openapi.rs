//! The OpenAPI 3.1 document of the public JSON API, written out by hand (one place to read it).

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

pub fn document() -> Value {
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
                "parameters": [string_param("q", "检索词，多个词以空格分隔时须全部匹配", true), string_param("agency", "限定机关（含下级机关）的统一社会信用代码", false), page_param()],
                "responses": {"200": {"description": "检索结果（每页20条）", "content": {"application/json": {"schema": {"type": "object",
                    "properties": {"total": {"type": "integer"}, "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}}}}}}},
                    "404": error_response("未找到该机关")}}},
            "/api/v1/requests": {"post": {"summary": "提交政府信息公开申请（条例第二十九条）",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewRequest"}}}},
                "responses": {"201": {"description": "申请已保存；返回查询码和查询密码", "content": {"application/json": {"schema": {"type": "object",
                    "properties": {"tracking_code": {"type": "string"}, "query_password": {"type": "string"}}}}}},
                    "422": error_response("字段错误（fields 逐项说明）")}}},
            "/api/v1/requests/{code}": {"get": {"summary": "查询申请进度",
                "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}, string_param("password", "查询密码", true)],
                "responses": {"200": {"description": "状态、答复期限、答复和办理过程"}, "422": error_response("查询码或查询密码不正确")}}}
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
