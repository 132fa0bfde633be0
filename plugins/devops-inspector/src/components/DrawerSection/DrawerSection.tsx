import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ReactNode } from 'react';
import { useDrawerSection } from '../../hooks/useDrawerSection';

const useStyles = makeStyles(theme => ({
  section: { padding: theme.spacing(0.5, 2) },
  heading: { margin: 0 },
  toggle: {
    justifyContent: 'space-between',
    textTransform: 'none',
    padding: theme.spacing(0.5, 0),
    font: 'inherit',
  },
  content: { paddingBottom: theme.spacing(1) },
}));

/** @internal */
export interface DrawerSectionProps {
  /** Stable id: the storage key of its open state and the DOM ids. */
  id: string;
  title: string;
  /** Open until the user closes it; defaults to true. */
  defaultOpen?: boolean;
  children: ReactNode;
}

/**
 * A drawer section whose header opens and closes it. The state is kept per
 * user through the Storage API; a closed section unmounts its content, so
 * it stops measuring.
 *
 * @internal
 */
export const DrawerSection = (props: DrawerSectionProps) => {
  const { id, title, defaultOpen = true, children } = props;
  const classes = useStyles();
  const [open, setOpen] = useDrawerSection(id, defaultOpen);
  const headingId = `devops-drawer-${id}`;
  const contentId = `devops-drawer-${id}-content`;
  return (
    <section className={classes.section} aria-labelledby={headingId}>
      <Typography
        variant="h6"
        component="h3"
        id={headingId}
        className={classes.heading}
      >
        <Button
          fullWidth
          className={classes.toggle}
          aria-expanded={open}
          aria-controls={contentId}
          endIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          onClick={() => setOpen(!open)}
        >
          {title}
        </Button>
      </Typography>
      <Collapse in={open} unmountOnExit>
        <div id={contentId} className={classes.content}>
          {children}
        </div>
      </Collapse>
    </section>
  );
};
