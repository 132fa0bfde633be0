import {
  closestCenter,
  DndContext,
  DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import { makeStyles } from '@material-ui/core/styles';
import DragIndicatorIcon from '@material-ui/icons/DragIndicator';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  item: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    marginBottom: theme.spacing(1),
    backgroundColor: theme.palette.background.paper,
  },
  dragging: {
    boxShadow: theme.shadows[4],
    zIndex: 1,
    position: 'relative',
  },
  handle: { cursor: 'grab', touchAction: 'none' },
}));

/** @internal */
export interface SortableStepListProps<T extends { id: number }> {
  items: T[];
  /** Called with the ids in their new order once a drop completes. */
  onReorder: (orderedIds: number[]) => void;
  /** The accessible name of an item's drag handle. */
  itemLabel: (item: T) => string;
  renderItem: (item: T, index: number) => ReactNode;
  disabled?: boolean;
}

function SortableRow(props: {
  id: number;
  label: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  const classes = useStyles();
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: props.id, disabled: props.disabled });
  return (
    <ListItem
      ref={setNodeRef}
      className={`${classes.item} ${isDragging ? classes.dragging : ''}`}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-testid={`sortable-item-${props.id}`}
    >
      <ListItemIcon>
        <IconButton
          ref={setActivatorNodeRef}
          className={classes.handle}
          size="small"
          aria-label={`Reorder ${props.label}`}
          disabled={props.disabled}
          {...attributes}
          {...listeners}
        >
          <DragIndicatorIcon />
        </IconButton>
      </ListItemIcon>
      {props.children}
    </ListItem>
  );
}

/**
 * A vertical list reordered by drag and drop, with the mouse, touch or the
 * keyboard (focus a handle, Space to lift, arrows to move, Space to drop).
 *
 * @internal
 */
export function SortableStepList<T extends { id: number }>(
  props: SortableStepListProps<T>,
) {
  const { items, onReorder, itemLabel, renderItem, disabled } = props;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
    }),
  );
  const ids = items.map(item => item.id);

  const handleDragEnd = (event: DragEndEvent) => {
    const { active, over } = event;
    if (!over || active.id === over.id) {
      return;
    }
    const from = ids.indexOf(Number(active.id));
    const to = ids.indexOf(Number(over.id));
    if (from < 0 || to < 0) {
      return;
    }
    onReorder(arrayMove(ids, from, to));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={handleDragEnd}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <List disablePadding>
          {items.map((item, index) => (
            <SortableRow
              key={item.id}
              id={item.id}
              label={itemLabel(item)}
              disabled={disabled}
            >
              {renderItem(item, index)}
            </SortableRow>
          ))}
        </List>
      </SortableContext>
    </DndContext>
  );
}
