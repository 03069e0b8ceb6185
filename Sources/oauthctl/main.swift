import OAuthCtlCLI
import Foundation
exit(await OAuthCtl.main(CommandLine.arguments))
