// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "dxskills",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dxskills", targets: ["dxskills"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "DXSkillsCore",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "CLDAP",
                "CXLSXWriter",
                "DXSkillsMail",
            ],
            plugins: ["EmbedFiles"]
        ),
        // A small SMTP client on SwiftNIO (no maintained Swift SMTP package resolves here): docs/mail.md.
        .target(
            name: "DXSkillsMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The version, commit and build date of a release build (scripts/release.sh).
        .target(name: "CBuildInfo"),
        // OpenLDAP's client library from Debian (libldap-dev), for sign-in through a directory.
        .systemLibrary(name: "CLDAP", path: "Sources/CLDAP", providers: [.apt(["libldap-dev"])]),
        // libxlsxwriter from Debian (libxlsxwriter-dev), for the reports' Excel files.
        .systemLibrary(
            name: "CXLSXWriter", path: "Sources/CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(
            name: "DXSkillsDemo",
            dependencies: ["DXSkillsCore"]
        ),
        .target(
            name: "DXSkillsAPI",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")
            ],
            swiftSettings: [
                // The generator writes `package import`.
                .enableUpcomingFeature("InternalImportsByDefault"),
                // Generated files for empty component kinds import modules they do not use.
                .unsafeFlags(["-suppress-warnings"]),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator"), "EmbedFiles"]
        ),
        // Each report's Excel sheet from the API's documents: one mapping for the CLI and the service.
        .target(
            name: "DXSkillsSheets",
            dependencies: ["DXSkillsCore", "DXSkillsAPI"]
        ),
        .target(
            name: "DXSkillsServer",
            dependencies: [
                "DXSkillsCore",
                "DXSkillsAPI",
                "DXSkillsSheets",
                "DXSkillsMail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            // Built into the target by the EmbedFiles plugin rather than copied as resources.
            exclude: ["Web/Templates", "Web/Static"],
            plugins: ["EmbedFiles"]
        ),
        .executableTarget(
            name: "dxskills",
            dependencies: ["DXSkillsCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "DXSkillsCLI",
            dependencies: [
                "DXSkillsCore",
                "DXSkillsAPI",
                "DXSkillsSheets",
                "DXSkillsServer",
                "DXSkillsDemo",
                "CBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Builds the texts a target reads at run time (sql/, templates, stylesheet, openapi.yaml) into it.
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
        .executableTarget(name: "EmbedFilesTool"),
        .target(
            name: "DXSkillsTestSupport",
            dependencies: ["DXSkillsCore"],
            path: "Tests/DXSkillsTestSupport"
        ),
        .testTarget(
            name: "DXSkillsCoreTests",
            dependencies: ["DXSkillsCore", "DXSkillsTestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "DXSkillsCLITests",
            dependencies: [
                "DXSkillsCLI",
                "DXSkillsServer",
                "DXSkillsTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "DXSkillsMailTests",
            dependencies: ["DXSkillsMail", "DXSkillsTestSupport"]
        ),
        .testTarget(
            name: "DXSkillsDemoTests",
            dependencies: [
                "DXSkillsDemo",
                "DXSkillsTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "DXSkillsServerTests",
            dependencies: [
                "DXSkillsServer",
                "DXSkillsTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
