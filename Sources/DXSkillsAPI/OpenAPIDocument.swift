/// The OpenAPI document the API is generated from, served as `/api/v1/openapi.yaml`; built into this target
/// (the EmbedFiles plugin), the same file the generator reads.
package enum OpenAPIDocument {
    package static let yaml = EmbeddedFiles.text("openapi.yaml") ?? ""
}
