// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Panelboard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "panelboard", targets: ["panelboard"]),
        .library(name: "PanelboardCore", targets: ["PanelboardCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // libcsv (Debian libcsv-dev): a small, fast, RFC 4180 C parser that hands
        // over each field as bytes, so we validate cells without building Strings.
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        // libxlsxwriter (Debian libxlsxwriter-dev): the spreadsheet pack, written as
        // real .xlsx (numbers as numbers) without a spreadsheet application.
        .systemLibrary(
            name: "CXlsxWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(
            name: "PanelboardCore",
            dependencies: [
                "CLibCSV",
                "CXlsxWriter",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the few statements an import runs once per row.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "panelboard",
            dependencies: [
                "PanelboardCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PanelboardCoreTests",
            dependencies: ["PanelboardCore"]
        ),
        .testTarget(
            name: "CLITests",
            // Depending on the executable makes `swift test` build it first.
            dependencies: ["PanelboardCore", "panelboard"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
