import DXSkillsAPI
import DXSkillsCore
import Foundation
import HTTPTypes
import Hummingbird
import Yams

/// The OpenAPI document enforced at the edge: a method the document does not list for a path is
/// 405 with `Allow`, and a path or query parameter outside its declared type, range, length or enum
/// is 400 — before any handler runs. The generated server decodes types but does not check limits.
struct SpecConformanceMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: [APIRoute]

    init(document: String, prefix: String = "/api/v1") {
        routes = APIRoute.parse(document, prefix: prefix)
    }

    /// The service's own document, parsed once per process: several routers built at once (the
    /// tests build one each) crashed inside the YAML parser when each parsed it.
    init() {
        routes = servedRoutes
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard let route = routes.first(where: { $0.matches(path) }) else { return try await next(request, context) }
        guard let operation = route.methods[request.method.rawValue.lowercased()] else {
            var headers = HTTPFields()
            headers[.allow] = route.methods.keys.sorted().map { $0.uppercased() }.joined(separator: ", ")
            throw ConformanceError(
                status: .methodNotAllowed, detail: "\(request.method.rawValue) is not allowed here", headers: headers)
        }
        if let accepted = route.bodies[request.method.rawValue.lowercased()] {
            let given = request.headers[.contentType]?.split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            guard let given, accepted.contains(given) else {
                throw ConformanceError(
                    status: .unsupportedMediaType,
                    detail: "send the body as \(accepted.sorted().joined(separator: " or ")), not \(given ?? "no content type")",
                    headers: [:])
            }
        }
        let segments = route.pathValues(path)
        let query = request.uri.queryParameters
        for parameter in operation {
            let value: String?
            switch parameter.location {
            case "path": value = segments[parameter.name]
            case "query": value = query[parameter.name[...]].map(String.init)
            default: continue
            }
            guard let value else { continue }
            if let problem = parameter.problem(with: value.removingPercentEncoding ?? value) {
                throw ConformanceError(status: .badRequest, detail: "\(parameter.name): \(problem)", headers: [:])
            }
        }
        return try await next(request, context)
    }
}

/// The routes of the served document, parsed on first use, once.
let servedRoutes = APIRoute.parse(OpenAPIDocument.yaml, prefix: "/api/v1")

/// A refusal the problem middleware turns into application/problem+json (with `headers` added).
struct ConformanceError: Error {
    let status: HTTPResponse.Status
    let detail: String
    let headers: HTTPFields
}

/// One path of the document: its template and, per method, the parameters with their limits.
struct APIRoute: Sendable {
    struct Parameter: Sendable {
        let name: String
        let location: String
        let type: String?
        let minimum: Int?
        let maximum: Int?
        let minLength: Int?
        let maxLength: Int?
        let choices: [String]?
        let pattern: NSRegularExpression?

        /// Why a value does not fit the declared schema; nil when it does.
        func problem(with value: String) -> String? {
            if let choices, !choices.contains(value) { return "must be one of \(choices.joined(separator: ", "))" }
            switch type {
            case "integer":
                guard let number = Int(value) else { return "must be a whole number" }
                if let minimum, number < minimum { return "must be at least \(minimum)" }
                if let maximum, number > maximum { return "must be at most \(maximum)" }
            case "boolean":
                guard value == "true" || value == "false" else { return "must be true or false" }
            default:
                if let minLength, value.count < minLength { return "must have at least \(minLength) characters" }
                if let maxLength, value.count > maxLength { return "must have at most \(maxLength) characters" }
                if let pattern,
                    pattern.firstMatch(in: value, range: NSRange(value.startIndex..<value.endIndex, in: value)) == nil
                {
                    return "contains characters that are not allowed (control characters)"
                }
            }
            return nil
        }
    }

    let segments: [String]
    let methods: [String: [Parameter]]
    /// Per method with a request body, the media types it accepts.
    let bodies: [String: Set<String>]

    func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard parts.count == segments.count else { return false }
        return zip(parts, segments).allSatisfy { part, segment in segment.hasPrefix("{") || part == segment }
    }

    func pathValues(_ path: String) -> [String: String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var values: [String: String] = [:]
        for (part, segment) in zip(parts, segments) where segment.hasPrefix("{") {
            values[String(segment.dropFirst().dropLast())] = String(part)
        }
        return values
    }

    /// Reads the document's paths, resolving `$ref`s to shared parameters.
    static func parse(_ document: String, prefix: String) -> [APIRoute] {
        guard let root = (try? Yams.load(yaml: document)) as? [String: Any],
            let paths = root["paths"] as? [String: Any]
        else { return [] }
        let shared = ((root["components"] as? [String: Any])?["parameters"] as? [String: Any]) ?? [:]
        func resolve(_ item: Any) -> [String: Any]? {
            guard let object = item as? [String: Any] else { return nil }
            if let reference = object["$ref"] as? String, let name = reference.split(separator: "/").last {
                return shared[String(name)] as? [String: Any]
            }
            return object
        }
        var routes: [APIRoute] = []
        for (template, item) in paths {
            guard let operations = item as? [String: Any] else { continue }
            var methods: [String: [Parameter]] = [:]
            var bodies: [String: Set<String>] = [:]
            for (method, operation) in operations {
                guard ["get", "put", "post", "delete", "patch"].contains(method), let operation = operation as? [String: Any]
                else { continue }
                if let body = operation["requestBody"] as? [String: Any], let content = body["content"] as? [String: Any] {
                    bodies[method] = Set(content.keys.map { $0.lowercased() })
                }
                methods[method] = ((operation["parameters"] as? [Any]) ?? []).compactMap(resolve).compactMap { object in
                    guard let name = object["name"] as? String, let location = object["in"] as? String else { return nil }
                    let schema = object["schema"] as? [String: Any] ?? [:]
                    return Parameter(
                        name: name, location: location, type: schema["type"] as? String, minimum: schema["minimum"] as? Int,
                        maximum: schema["maximum"] as? Int, minLength: schema["minLength"] as? Int,
                        maxLength: schema["maxLength"] as? Int, choices: (schema["enum"] as? [Any])?.map { "\($0)" },
                        pattern: (schema["pattern"] as? String).flatMap { try? NSRegularExpression(pattern: $0) })
                }
            }
            let full = prefix + template
            routes.append(
                APIRoute(
                    segments: full.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init),
                    methods: methods, bodies: bodies))
        }
        // Literal paths before templated ones: /rankings/export is not /staff/{employee_no}'s kind of match.
        return routes.sorted { $0.segments.filter { $0.hasPrefix("{") }.count < $1.segments.filter { $0.hasPrefix("{") }.count }
    }
}
