import Foundation

/// The OpenAPI document the API is generated from, served as `/api/v1/openapi.yaml`.
package enum OpenAPIDocument {
    package static let yaml: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }()
}
