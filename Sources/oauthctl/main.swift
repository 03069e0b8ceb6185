import Foundation
import OAuthCtlCLI

exit(await OAuthCtl.main(CommandLine.arguments))
