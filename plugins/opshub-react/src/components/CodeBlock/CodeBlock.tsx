import { CodeSnippet } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  text: {
    whiteSpace: 'pre-wrap',
    fontFamily: theme.typography.fontFamily,
    padding: theme.spacing(1.5),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.default,
    margin: 0,
  },
}));

/** @public */
export interface CodeBlockProps {
  code: string;
  /** `bash` and `sql` are highlighted; `text` is shown as prose. */
  type: 'bash' | 'sql' | 'text' | string;
  showLineNumbers?: boolean;
}

/**
 * Code as every OpsHub page shows it: syntax-highlighted bash or SQL with a
 * copy button (release steps, migration SQL of a schema comparison), or
 * plain text instructions.
 *
 * @public
 */
export const CodeBlock = (props: CodeBlockProps) => {
  const { code, type, showLineNumbers = true } = props;
  const classes = useStyles();
  if (type !== 'bash' && type !== 'sql') {
    return (
      <Typography component="pre" variant="body2" className={classes.text}>
        {code}
      </Typography>
    );
  }
  return (
    <div data-testid={`code-block-${type}`}>
      <CodeSnippet
        text={code}
        language={type}
        showLineNumbers={showLineNumbers}
        showCopyCodeButton
      />
    </div>
  );
};
