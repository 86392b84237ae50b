/// Search filters built from a template and a user name.
enum LDAPFilter {
    /// The placeholder a `userFilter` must contain.
    static let placeholder = "{user}"

    /// `template` with every `{user}` replaced by the escaped name.
    static func filling(_ template: String, user: String) -> String {
        template.replacing(placeholder, with: escaped(user))
    }

    /// RFC 4515 §3: the characters that would change a filter's meaning, as `\XX`; the rest
    /// (Japanese names included) as they are, UTF-8 on the wire.
    static func escaped(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "*": result += "\\2a"
            case "(": result += "\\28"
            case ")": result += "\\29"
            case "\\": result += "\\5c"
            case "\0": result += "\\00"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
