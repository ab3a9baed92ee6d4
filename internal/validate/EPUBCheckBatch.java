// EPUBCheckBatch validates every EPUB whose path it reads on its standard
// input, one path a line, in one JVM. EPUBCheck's own command line takes
// one file per run, and each run pays for starting Java and compiling
// EPUBCheck's schemas again (seconds); here they are paid once, and while
// the caller is still making the files it will name. validate.go runs this
// file with Java's source-file launcher, with the EPUBCheck jar on the
// class path.
//
// For each file, as soon as it is checked, it writes one header line,
//   FATALS ERRORS WARNINGS LENGTH PATH
// followed by LENGTH bytes of what EPUBCheck printed about the file, in
// the words of its command line ("ERROR(RSC-005): file(3,7): ...").
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EPUBCheckBatch {
  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String path; (path = in.readLine()) != null; ) {
      // EPUBCheck's report prints to System.err; catch it per file.
      ByteArrayOutputStream messages = new ByteArrayOutputStream();
      PrintStream capture = new PrintStream(messages, true, StandardCharsets.UTF_8);
      System.setOut(capture);
      System.setErr(capture);
      int fatals = 1, errors = 0, warnings = 0; // a crash counts as fatal
      try {
        DefaultReportImpl report = new DefaultReportImpl(path);
        new EpubCheck(new File(path), report).doValidate();
        fatals = report.getFatalErrorCount();
        errors = report.getErrorCount();
        warnings = report.getWarningCount();
      } catch (Throwable e) {
        capture.print("FATAL(CRASH): " + path + ": ");
        e.printStackTrace(capture);
      }
      capture.flush();
      byte[] text = messages.toByteArray();
      out.print(fatals + " " + errors + " " + warnings + " " + text.length + " " + path + "\n");
      out.write(text, 0, text.length);
      out.flush();
    }
  }
}
