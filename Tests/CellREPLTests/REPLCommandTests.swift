import XCTest
@testable import CellREPL

final class REPLCommandTests: XCTestCase {
    private func parse(_ line: String) -> Result<REPLCommand, REPLCommand.ParseError> {
        Result { () throws(REPLCommand.ParseError) in try REPLCommand.parse(line) }
    }

    func testRecognisesCommandLines() {
        XCTAssertTrue(REPLCommand.isCommand(":help"))
        XCTAssertTrue(REPLCommand.isCommand("  \t:q"))
        XCTAssertFalse(REPLCommand.isCommand("let x = 1 // :q"))
        XCTAssertFalse(REPLCommand.isCommand(""))
    }

    func testParsesEveryCommand() {
        XCTAssertEqual(parse(":help"), .success(.help))
        XCTAssertEqual(parse(":materials"), .success(.materials))
        XCTAssertEqual(parse(":units"), .success(.units))
        XCTAssertEqual(parse(":reset"), .success(.reset))
        XCTAssertEqual(parse(":quit"), .success(.quit))
        XCTAssertEqual(parse(":q"), .success(.quit))
        XCTAssertEqual(parse(":fields  LLZTO "), .success(.fields(material: "LLZTO")))
        XCTAssertEqual(parse(":load data/my recipe.cell"),
                       .success(.load(path: "data/my recipe.cell")))
        XCTAssertEqual(parse(":load \"x y.cell\""), .success(.load(path: "x y.cell")))
    }

    func testArgumentErrors() {
        XCTAssertEqual(parse(":load"),
                       .failure(.missingArgument(command: "load", usage: ":load FILE")))
        XCTAssertEqual(parse(":fields   "),
                       .failure(.missingArgument(command: "fields", usage: ":fields MATERIAL")))
        XCTAssertEqual(parse(":quit now"), .failure(.unexpectedArgument(command: "quit")))
        XCTAssertEqual(REPLCommand.ParseError.missingArgument(command: "load", usage: ":load FILE")
                        .message, "error: `:load` needs an argument: `:load FILE`")
        XCTAssertEqual(REPLCommand.ParseError.unexpectedArgument(command: "quit").message,
                       "error: `:quit` takes no argument")
    }

    func testUnknownCommandsSuggestOnlyCloseNames() {
        XCTAssertEqual(parse(":unit"), .failure(.unknown(name: "unit", suggestion: "units")))
        XCTAssertEqual(parse(":quti"), .failure(.unknown(name: "quti", suggestion: "quit")))
        XCTAssertEqual(parse(":x"), .failure(.unknown(name: "x", suggestion: nil)),
                       "one letter is too short to guess from")
        XCTAssertEqual(parse(":"), .failure(.unknown(name: "", suggestion: nil)))
        XCTAssertEqual(parse(":plot"), .failure(.unknown(name: "plot", suggestion: nil)))
    }
}
